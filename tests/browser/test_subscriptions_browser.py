"""Follow a focus area by e-mail in a real browser: the 'Följ' link on the theme page, the
subscribe form, the confirmation link from the e-mail a real SMTP server (aiosmtpd) received,
and unsubscribing from the link in that e-mail. The server is a development server of its own
whose mail goes to that SMTP server (tests/subscriptions/smtp_site_settings.py)."""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller

from tests.browser.conftest import axe_violations, format_violations, screenshot
from tests.servers import dev_server
from tests.smtp import Inbox, free_port, parts

ADDRESS = "foljare@example.org"


@pytest.fixture(scope="module")
def inbox():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    inbox.port = controller.port
    yield inbox
    controller.stop()


@pytest.fixture(scope="module")
def mailing_site(site_env, inbox):
    env = {
        **site_env,
        "DJANGO_SETTINGS_MODULE": "tests.subscriptions.smtp_site_settings",
        "SUBSCRIPTIONS_TEST_SMTP_PORT": str(inbox.port),
    }
    with dev_server(env) as url:
        yield url


def _mail_to(inbox, address: str, count: int, timeout: float = 20):
    deadline = time.monotonic() + timeout
    while len(inbox.to(address)) < count and time.monotonic() < deadline:
        time.sleep(0.2)
    messages = inbox.to(address)
    assert len(messages) >= count, f"{len(messages)} e-mail(s) to {address}, expected {count}"
    return messages[count - 1]


def _path(text: str, prefix: str) -> str:
    match = re.search(r"https?://[^\s/]+(" + re.escape(prefix) + r"[^\s]+)", text)
    assert match, f"no {prefix} link in:\n{text}"
    return urlsplit(match.group(0)).path


def test_follow_a_focus_area_confirm_and_unsubscribe(mailing_site, inbox, page):
    page.goto(f"{mailing_site}/teman/grundskola/")
    page.get_by_role("link", name="Följ via e-post").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Följ via e-post"
    violations = axe_violations(page)
    assert not violations, format_violations(violations)

    page.get_by_label("Din e-postadress").fill("inte-en-adress")
    page.get_by_role("button", name="Följ").click()
    page.wait_for_load_state()
    assert "Ange en giltig e-postadress" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Din e-postadress").input_value() == "inte-en-adress"

    page.get_by_label("Din e-postadress").fill(ADDRESS)
    page.get_by_label("Direkt").check()
    page.get_by_role("button", name="Följ").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Titta i din inkorg"

    text, _html = parts(_mail_to(inbox, ADDRESS, 1))
    page.goto(mailing_site + _path(text, "/folj/bekrafta/"))
    page.get_by_role("button", name="Bekräfta").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Du följer nu Grundskola"

    page.goto(mailing_site + _path(text, "/folj/avsluta/"))
    assert "Grundskola" in page.locator("main").inner_text()
    page.get_by_role("button", name="Sluta följa").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Prenumerationen är avslutad"
    screenshot(page, "subscriptions-unsubscribed")
