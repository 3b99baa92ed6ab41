"""A real SMTP server for tests (aiosmtpd on a free loopback port) and Django pointed at it.

A test module that sends through mailings/ defines its fixture as::

    from tests.smtp import serve_smtp

    @pytest.fixture
    def smtp_inbox(settings):
        yield from serve_smtp(settings)
"""

from __future__ import annotations

import email
from email.policy import default as default_policy

from aiosmtpd.controller import Controller

from tests.servers import _free_port as free_port

SITE = "https://kunskapsbanken.example.org"


class Inbox:
    def __init__(self):
        self.received: list[tuple[list[str], email.message.EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls it by this name
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        self.received.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list:
        """What the SMTP server was asked to deliver to `address`."""
        return [message for recipients, message in self.received if address in recipients]


def subject(message) -> str:
    # Python's e-mail parser keeps the space of a folded encoded header.
    return " ".join(str(message["Subject"]).split())


def parts(message) -> tuple[str, str]:
    """The plain-text and HTML bodies, with the wire's CRLF line ends as \\n."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text.replace("\r\n", "\n"), html.replace("\r\n", "\n")


def serve_smtp(settings):
    """Generator for a fixture: starts the server, points Django's SMTP settings (and SITE_URL)
    at it, yields the Inbox (its `port` too), stops the server afterwards."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = SITE
    inbox.port = controller.port
    yield inbox
    controller.stop()
