"""Outgoing mail through a real SMTP server: delivery with both parts and the headers, a failed
send retried by send_pending_mail, giving up, idempotent queueing and blanking old mail."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from mailings.models import Mailing
from mailings.sending import blank_old_mail, queue_mail
from tests.smtp import free_port, parts, serve_smtp, subject

pytestmark = pytest.mark.django_db

UNSUBSCRIBE = "<https://kunskapsbanken.example.org/avsluta/abc/>"


@pytest.fixture
def smtp_inbox(settings):
    yield from serve_smtp(settings)


def _queue(capture, **overrides):
    arguments = {
        "kind": Mailing.Kind.DIGEST,
        "to": "anna@example.org",
        "subject": "Nytt i Kunskapsbanken: 3 insatser",
        "text": "Tre nya insatser & en uppföljning.",
        "html": "<p>Tre nya insatser &amp; en uppföljning.</p>",
        "headers": {"List-Unsubscribe": UNSUBSCRIBE},
    } | overrides
    with capture(execute=True):
        mailing = queue_mail(**arguments)
    return mailing


def test_a_queued_mail_arrives_with_text_html_and_headers(
    smtp_inbox, django_capture_on_commit_callbacks
):
    mailing = _queue(django_capture_on_commit_callbacks, reply_to="fraga@example.org")
    [message] = smtp_inbox.to("anna@example.org")
    assert subject(message) == "Nytt i Kunskapsbanken: 3 insatser"
    text, html = parts(message)
    assert "Tre nya insatser & en uppföljning." in text
    assert "<p>Tre nya insatser &amp; en uppföljning.</p>" in html
    assert message["List-Unsubscribe"] == UNSUBSCRIBE
    assert message["Reply-To"] == "fraga@example.org"
    mailing.refresh_from_db()
    assert (mailing.status, mailing.attempts, mailing.last_error) == ("sent", 1, "")
    assert mailing.sent_at is not None


def test_a_failed_send_is_recorded_and_sent_by_the_timer_when_due(
    settings, smtp_inbox, django_capture_on_commit_callbacks
):
    settings.EMAIL_PORT = free_port()  # nothing listens there
    mailing = _queue(django_capture_on_commit_callbacks)
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.FAILED
    assert mailing.attempts == 1
    assert "ConnectionRefusedError" in mailing.last_error
    assert mailing.next_attempt_at > timezone.now()
    assert smtp_inbox.received == []

    settings.EMAIL_PORT = smtp_inbox.port
    call_command("send_pending_mail", stdout=open("/dev/null", "w"))  # noqa: SIM115
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.FAILED, "not due yet: the pause is respected"

    Mailing.objects.filter(pk=mailing.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )
    call_command("send_pending_mail", stdout=open("/dev/null", "w"))  # noqa: SIM115
    mailing.refresh_from_db()
    assert (mailing.status, mailing.attempts) == ("sent", 2)
    assert len(smtp_inbox.to("anna@example.org")) == 1


def test_a_send_is_given_up_after_the_last_attempt(
    settings, smtp_inbox, django_capture_on_commit_callbacks
):
    settings.EMAIL_PORT = free_port()
    settings.MAILINGS_MAX_ATTEMPTS = 2
    mailing = _queue(django_capture_on_commit_callbacks)
    Mailing.objects.filter(pk=mailing.pk).update(next_attempt_at=timezone.now())
    call_command("send_pending_mail", stdout=open("/dev/null", "w"))  # noqa: SIM115
    mailing.refresh_from_db()
    assert (mailing.status, mailing.attempts) == ("given_up", 2)
    assert mailing.next_attempt_at is None


def test_the_same_dedupe_key_queues_one_mail(smtp_inbox, django_capture_on_commit_callbacks):
    key = "reminder:2026:first:12:7"
    first = _queue(django_capture_on_commit_callbacks, dedupe_key=key)
    second = _queue(django_capture_on_commit_callbacks, dedupe_key=key)
    assert first is not None and second is None
    assert len(smtp_inbox.to("anna@example.org")) == 1
    assert Mailing.objects.filter(dedupe_key=key).count() == 1


def test_an_address_that_is_not_one_is_refused(db):
    with pytest.raises(ValueError):
        queue_mail(kind=Mailing.Kind.DIGEST, to="inte en adress", subject="x", text="y")
    assert not Mailing.objects.exists()


def test_old_mail_is_blanked_and_recent_mail_kept(smtp_inbox, django_capture_on_commit_callbacks):
    old = _queue(django_capture_on_commit_callbacks, dedupe_key="digest:1")
    recent = _queue(django_capture_on_commit_callbacks, to="bo@example.org")
    Mailing.objects.filter(pk=old.pk).update(sent_at=timezone.now() - timedelta(days=31))
    assert blank_old_mail() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.recipient, old.text_body, old.html_body, old.headers) == ("", "", "", {})
    assert old.subject == "Nytt i Kunskapsbanken: 3 insatser"  # the list still says what it was
    assert old.dedupe_key == "digest:1"  # and the key still stops a second send
    assert recent.recipient == "bo@example.org"
    assert blank_old_mail() == 0
