"""Follow a theme by e-mail, end to end through a real SMTP server (aiosmtpd): subscribe, the
confirmation e-mail, confirm, a case published in the theme, the digest with its unsubscribe
headers, one-click unsubscribe (RFC 8058) and nothing more; a run failing halfway sends each
change once when rerun."""

from __future__ import annotations

import re
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from cases.models import FollowUpUpdate
from subscriptions import tasks
from subscriptions.models import Subscription
from tests.factories import make_case
from tests.smtp import SITE, parts, serve_smtp, subject

pytestmark = pytest.mark.django_db

ANNA = "anna@example.org"


@pytest.fixture
def smtp_inbox(settings):
    yield from serve_smtp(settings)


def _link(text: str, prefix: str) -> str:
    """The path of the first absolute link in `text` that starts with SITE + prefix."""
    match = re.search(re.escape(SITE + prefix) + r"[^\s\"<>]+", text)
    assert match, f"no link to {prefix} in:\n{text}"
    return match.group(0).removeprefix(SITE)


def _subscribe(client, capture, email=ANNA, frequency="immediate", **target):
    with capture(execute=True):
        response = client.post("/folj/", {"email": email, "frequency": frequency, **target})
    assert response.status_code == HTTPStatus.FOUND
    return response


def _confirm(client, inbox, email=ANNA):
    [message] = inbox.to(email)
    text, _html = parts(message)
    path = _link(text, "/folj/bekrafta/")
    assert "Bekräfta" in client.get(path).content.decode()
    response = client.post(path)
    assert response.status_code == HTTPStatus.OK
    return response


def _digests(inbox, email=ANNA):
    return [m for m in inbox.to(email) if subject(m).startswith("Kunskapsbanken:")]


def test_follow_a_theme_from_subscribe_to_unsubscribe(
    client, filipstad, smtp_inbox, django_capture_on_commit_callbacks
):
    page = client.get("/folj/?tema=grundskola")
    assert page.status_code == HTTPStatus.OK
    assert "Grundskola" in page.content.decode()

    _subscribe(client, django_capture_on_commit_callbacks, tema="grundskola")
    [confirmation] = smtp_inbox.to(ANNA)
    assert subject(confirmation) == "Bekräfta att du vill följa Grundskola"
    assert confirmation["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Until confirmed nothing is sent.
    make_case(filipstad, title="Läxhjälp före bekräftelsen", themes=["grundskola"])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _digests(smtp_inbox) == []

    confirmed = _confirm(client, smtp_inbox)
    assert "Du följer nu Grundskola" in confirmed.content.decode()

    make_case(filipstad, title="Simskola i Filipstad", themes=["grundskola"])
    make_case(filipstad, title="Boende för äldre", themes=["arbetsmarknad"])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    [digest] = _digests(smtp_inbox)
    text, html = parts(digest)
    assert "Ny: Simskola i Filipstad (Filipstad)" in text
    assert "Boende för äldre" not in text
    assert "Läxhjälp före bekräftelsen" not in text
    assert f"{SITE}/kommuner/filipstad/" in text
    unsubscribe = _link(text, "/folj/avsluta/")
    # A long header is folded; the parser keeps the fold's space.
    assert str(digest["List-Unsubscribe"]).strip() == f"<{SITE}{unsubscribe}>"
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f'href="{SITE}{unsubscribe}"' in html

    # A mail program's one-click POST: no CSRF token, no cookie.
    one_click = Client(enforce_csrf_checks=True).post(
        unsubscribe, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert one_click.status_code == HTTPStatus.OK
    assert not Subscription.objects.filter(email=ANNA).exists()

    make_case(filipstad, title="Mer läxhjälp", themes=["grundskola"])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(_digests(smtp_inbox)) == 1


def test_a_run_that_fails_halfway_sends_each_change_once_when_rerun(
    client, filipstad, smtp_inbox, django_capture_on_commit_callbacks, monkeypatch
):
    addresses = ["first@example.org", "second@example.org"]
    for address in addresses:
        _subscribe(client, django_capture_on_commit_callbacks, email=address, tema="grundskola")
        _confirm(client, smtp_inbox, email=address)
    make_case(filipstad, title="Nattvandring", themes=["grundskola"])

    real_queue = tasks.queue_digest

    def fail_for_second(subscription, items, until):
        if subscription.email == addresses[1]:
            raise ConnectionError("the run died here")
        return real_queue(subscription, items, until)

    monkeypatch.setattr(tasks, "queue_digest", fail_for_second)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(_digests(smtp_inbox, addresses[0])) == 1
    assert _digests(smtp_inbox, addresses[1]) == []

    monkeypatch.setattr(tasks, "queue_digest", real_queue)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for address in addresses:
        [digest] = _digests(smtp_inbox, address)
        assert "Nattvandring" in parts(digest)[0]


def test_a_weekly_digest_waits_for_its_weekday(
    client, filipstad, smtp_inbox, django_capture_on_commit_callbacks, settings
):
    settings.SUBSCRIPTION_DIGEST_WEEKDAY = (timezone.now().weekday() + 1) % 7
    _subscribe(client, django_capture_on_commit_callbacks, frequency="weekly", tema="grundskola")
    _confirm(client, smtp_inbox)
    make_case(filipstad, title="Språkcafé", themes=["grundskola"])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _digests(smtp_inbox) == []
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", "--weekly", stdout=open("/dev/null", "w"))  # noqa: SIM115
    [digest] = _digests(smtp_inbox)
    assert "Språkcafé" in parts(digest)[0]


def test_a_new_yearly_follow_up_is_listed_as_such(
    client, filipstad, smtp_inbox, django_capture_on_commit_callbacks
):
    case = make_case(filipstad, title="Familjecentral", themes=["grundskola"])
    _subscribe(client, django_capture_on_commit_callbacks, kommun="1782")
    _confirm(client, smtp_inbox)
    Subscription.objects.update(last_sent_until=timezone.now())
    case.follow_ups.add(FollowUpUpdate(year=2025, text="Fortsatt drift."))
    case.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    [digest] = _digests(smtp_inbox)
    assert "Uppföljning 2025: Familjecentral" in parts(digest)[0]


def test_unconfirmed_subscriptions_are_deleted_when_their_link_expires(
    client, smtp_inbox, django_capture_on_commit_callbacks
):
    _subscribe(client, django_capture_on_commit_callbacks, tema="grundskola")
    Subscription.objects.update(created_at=timezone.now() - timedelta(days=8))
    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not Subscription.objects.exists()


def test_a_saved_search_digest_lists_what_the_search_finds(
    client, filipstad, ljusnarsberg, smtp_inbox, django_capture_on_commit_callbacks
):
    _subscribe(client, django_capture_on_commit_callbacks, sok="tema=grundskola&kommun=1864")
    _confirm(client, smtp_inbox)
    make_case(ljusnarsberg, title="Läsfrämjande i Ljusnarsberg", themes=["grundskola"])
    make_case(filipstad, title="Läsfrämjande i Filipstad", themes=["grundskola"])
    make_case(ljusnarsberg, title="Jobbspår i Ljusnarsberg", themes=["arbetsmarknad"])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    [digest] = _digests(smtp_inbox)
    text = parts(digest)[0]
    assert "Läsfrämjande i Ljusnarsberg" in text
    assert "Läsfrämjande i Filipstad" not in text
    assert "Jobbspår" not in text
