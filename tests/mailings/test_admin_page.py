"""The operators' list of outgoing mail: moderators see sends with masked addresses, filter them,
and send a failed one again; municipality editors are refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mailings.models import Mailing
from tests.smtp import serve_smtp

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp_inbox(settings):
    yield from serve_smtp(settings)


def _mailing(**fields) -> Mailing:
    values = {
        "kind": Mailing.Kind.REMINDER,
        "recipient": "anna.svensson@kommun.example",
        "subject": "Dags för årets uppföljning",
        "text_body": "Hej!",
        "next_attempt_at": timezone.now(),
    } | fields
    return Mailing.objects.create(**values)


def _text(response) -> str:
    return " ".join(response.content.decode().split())


def test_moderator_sees_sends_with_masked_addresses_and_errors(client, moderator):
    _mailing(status=Mailing.Status.SENT, attempts=1, sent_at=timezone.now())
    _mailing(
        kind=Mailing.Kind.DIGEST,
        recipient="bo@example.org",
        subject="Nytt i Kunskapsbanken",
        status=Mailing.Status.FAILED,
        attempts=2,
        last_error="ConnectionRefusedError: [Errno 111] Connection refused",
        next_attempt_at=timezone.now() + timedelta(minutes=10),
    )
    client.force_login(moderator)
    response = client.get(reverse("mailings_list"))
    assert response.status_code == 200
    page = _text(response)
    assert "Utgående e-post" in page
    assert "a***@kommun.example" in page and "b***@example.org" in page
    assert "anna.svensson" not in page and "bo@example.org" not in page
    assert "Påminnelse om uppföljning" in page and "Sammanställning" in page
    assert "Misslyckad, försöks igen" in page
    assert "ConnectionRefusedError" in page
    assert page.count("Försök igen</button>") == 1  # only the failed one
    assert reverse("mailings_list") in client.get(reverse("wagtailadmin_home")).content.decode()


def test_filters_by_kind_and_status_and_ignores_nonsense(client, moderator):
    _mailing(subject="Påminnelse som gick iväg", status=Mailing.Status.SENT)
    _mailing(kind=Mailing.Kind.DIGEST, subject="Sammanställning som väntar")
    client.force_login(moderator)
    page = _text(client.get(reverse("mailings_list"), {"typ": "digest"}))
    assert "Sammanställning som väntar" in page and "Påminnelse som gick iväg" not in page
    page = _text(client.get(reverse("mailings_list"), {"status": "sent"}))
    assert "Påminnelse som gick iväg" in page and "Sammanställning som väntar" not in page
    response = client.get(reverse("mailings_list"), {"typ": "<script>", "sida": "abc"})
    assert response.status_code == 200
    page = _text(response)
    assert "Påminnelse som gick iväg" in page and "Sammanställning som väntar" in page


def test_try_again_sends_a_failed_mail(
    client, moderator, smtp_inbox, django_capture_on_commit_callbacks
):
    mailing = _mailing(
        status=Mailing.Status.GIVEN_UP,
        attempts=8,
        last_error="SMTPServerDisconnected",
        next_attempt_at=None,
    )
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mailings_retry", args=[mailing.pk]), follow=True)
    assert "Meddelandet köas för att skickas igen." in _text(response)
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.SENT
    [message] = smtp_inbox.to("anna.svensson@kommun.example")
    assert "Dags för årets uppföljning" in str(message["Subject"])


def test_municipality_editors_may_not_see_or_retry(client, filipstad_editor):
    mailing = _mailing(status=Mailing.Status.FAILED)
    client.force_login(filipstad_editor)
    response = client.get(reverse("mailings_list"))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    response = client.post(reverse("mailings_retry", args=[mailing.pk]))
    assert response.status_code == 302
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.FAILED
    assert reverse("mailings_list") not in client.get(reverse("wagtailadmin_home")).content.decode()
