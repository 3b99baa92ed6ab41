"""Asking a case's contact person (issue #16 item 2), through a real SMTP server: the owner gets
the message with Reply-To the sender and their address is never on a page or in the copy; spam
checks (honeypot, minimum time, rate limits) keep the text; the admin's Messages follow the
municipality."""

from __future__ import annotations

import time
from http import HTTPStatus
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cases.contact_form import new_started_token
from cases.models import ContactMessage
from tests.factories import make_case
from tests.smtp import serve_smtp, subject

pytestmark = pytest.mark.django_db

OWNER = "sara.lind@filipstad.example"
SENDER = "per.holm@kommun.example"
MESSAGE = "Hej! Hur fick ni med föräldrarna? Vi vill prova samma sak i Gävle & Sandviken."


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    settings.CONTACT_FORM_MIN_SECONDS = 3
    settings.CONTACT_RATE_LIMIT_PER_CLIENT = 5
    settings.CONTACT_RATE_LIMIT_PER_CASE = 20
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def smtp_inbox(settings):
    yield from serve_smtp(settings)


@pytest.fixture
def case(filipstad):
    return make_case(
        filipstad,
        title="Läxhjälp med föräldrar",
        contact={"name": "Sara Lind", "role": "Rektor", "email": OWNER, "phone": "0590-123 45"},
    )


def _form(**overrides) -> dict:
    data = {
        "name": "Per Holm",
        "email": SENDER,
        "organisation": "Gävle kommun",
        "message": MESSAGE,
        "consent": "on",
        "website": "",
        "started": new_started_token(time.time() - 60),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _send(client, case, capture, **overrides):
    with capture(execute=True):
        return client.post(f"/insats/{case.pk}/kontakta/", _form(**overrides))


def test_the_case_page_links_to_the_form_and_never_shows_the_address(client, case):
    html = client.get(case.url).content.decode()
    assert f'href="/insats/{case.pk}/kontakta/"' in html
    assert "Kontakta ansvariga för insatsen" in html
    assert "Sara Lind" in html and "0590-123 45" in html
    assert OWNER not in html

    response = client.get(f"/insats/{case.pk}/kontakta/")
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "Kontakta ansvariga för insatsen" in page
    assert "Läxhjälp med föräldrar" in page
    assert OWNER not in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert "no-store" in response["Cache-Control"]


def test_a_message_reaches_the_owner_with_reply_to_and_the_sender_gets_a_copy(
    client, case, smtp_inbox, django_capture_on_commit_callbacks
):
    response = _send(client, case, django_capture_on_commit_callbacks)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == f"/insats/{case.pk}/kontakta/skickat/"

    [owner_mail] = smtp_inbox.to(OWNER)
    assert subject(owner_mail) == "Fråga om ”Läxhjälp med föräldrar” via Kunskapsbanken"
    assert owner_mail["Reply-To"] == SENDER
    owner_text = owner_mail.get_body(preferencelist=("plain",)).get_content()
    assert MESSAGE in owner_text  # as typed: no HTML escaping of "&"
    assert "Per Holm, Gävle kommun" in owner_text
    assert f"https://kunskapsbanken.example.org{case.url}" in owner_text

    [copy] = smtp_inbox.to(SENDER)
    assert subject(copy) == "Kvitto: ditt meddelande om ”Läxhjälp med föräldrar”"
    copy_text = copy.get_body(preferencelist=("plain",)).get_content()
    # The copy never repeats the text: anyone may type someone else's address as the sender, and
    # the form must not send their words to that person.
    assert MESSAGE not in copy_text
    assert "Läxhjälp med föräldrar" in copy_text
    assert OWNER not in copy.as_string()
    assert len(smtp_inbox.received) == 2

    confirmation = client.get(response["Location"]).content.decode()
    assert "Ditt meddelande är skickat" in confirmation
    assert "svarar direkt till din e-postadress" in confirmation
    assert OWNER not in confirmation

    stored = ContactMessage.objects.get()
    assert (stored.case_id, stored.sender_name, stored.sender_email) == (
        case.pk,
        "Per Holm",
        SENDER,
    )
    assert (stored.organisation, stored.message, stored.handled) == ("Gävle kommun", MESSAGE, False)


def test_the_honeypot_stops_the_message_and_keeps_the_text(
    client, case, smtp_inbox, django_capture_on_commit_callbacks
):
    response = _send(
        client, case, django_capture_on_commit_callbacks, website="http://spam.example"
    )
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Lämna detta fält tomt" in html
    assert "Meddelandet kunde inte skickas" in html
    assert "Hur fick ni med föräldrarna?" in html
    assert smtp_inbox.received == []
    assert not ContactMessage.objects.exists()


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client, case):
    html = client.get(f"/insats/{case.pk}/kontakta/").content.decode()
    trap = html[html.index('class="contact-trap"') - 5 :]
    trap = trap[: trap.index("</div>")]
    assert 'aria-hidden="true"' in trap
    assert 'tabindex="-1"' in trap
    assert "Lämna detta fält tomt" in trap


def test_a_too_fast_submission_gets_a_gentle_message_and_keeps_the_text(
    client, case, smtp_inbox, django_capture_on_commit_callbacks
):
    response = _send(client, case, django_capture_on_commit_callbacks, started=new_started_token())
    html = response.content.decode()
    assert "Det gick väldigt snabbt" in html
    assert "Hur fick ni med föräldrarna?" in html and 'value="Per Holm"' in html
    assert smtp_inbox.received == []


def test_a_forged_timestamp_is_not_accepted(
    client, case, smtp_inbox, django_capture_on_commit_callbacks
):
    response = _send(client, case, django_capture_on_commit_callbacks, started="1700000000")
    assert "skicka igen" in response.content.decode()
    assert smtp_inbox.received == []


def test_each_field_says_what_is_wrong_in_swedish_and_nothing_is_lost(
    client, case, smtp_inbox, django_capture_on_commit_callbacks
):
    response = _send(
        client,
        case,
        django_capture_on_commit_callbacks,
        name="",
        email="per.holm@",
        consent=None,
        message="   ",
    )
    html = response.content.decode()
    assert "Skriv ditt namn." in html
    assert "Skriv en hel e-postadress" in html
    assert "Skriv ditt meddelande." in html
    assert "Kryssa i rutan" in html
    assert 'value="per.holm@"' in html and 'value="Gävle kommun"' in html
    assert 'aria-invalid="true"' in html
    assert smtp_inbox.received == []


def test_too_many_messages_from_one_client_are_refused_and_the_text_kept(
    client, case, settings, smtp_inbox, django_capture_on_commit_callbacks
):
    settings.CONTACT_RATE_LIMIT_PER_CLIENT = 2
    for _ in range(2):
        assert _send(client, case, django_capture_on_commit_callbacks).status_code == 302
    response = _send(client, case, django_capture_on_commit_callbacks)
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    html = response.content.decode()
    assert "Många meddelanden" in html and "Hur fick ni med föräldrarna?" in html
    assert ContactMessage.objects.count() == 2
    assert len(smtp_inbox.to(OWNER)) == 2


def test_too_many_messages_to_one_case_are_refused_from_any_client(
    client, case, settings, smtp_inbox, django_capture_on_commit_callbacks
):
    settings.CONTACT_RATE_LIMIT_PER_CASE = 1
    assert _send(client, case, django_capture_on_commit_callbacks).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/insats/{case.pk}/kontakta/", _form(), REMOTE_ADDR="198.51.100.7")
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert ContactMessage.objects.count() == 1


def test_cases_that_take_no_messages_are_not_found(client, filipstad, case):
    without_address = make_case(filipstad, contact={"name": "Ingen adress"})
    draft = make_case(filipstad, publish=False, contact={"email": OWNER})
    private = make_case(filipstad, contact={"email": OWNER})
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    for path in (
        f"/insats/{without_address.pk}/kontakta/",
        f"/insats/{draft.pk}/kontakta/",
        f"/insats/{private.pk}/kontakta/",
        f"/insats/{filipstad.pk}/kontakta/",  # not a case
        "/insats/999999999/kontakta/",
        "/insats/99999999999999999999/kontakta/",  # beyond PostgreSQL's integer
        "/insats/١٢/kontakta/",  # Arabic-Indic digits
        "/insats/%EF%BC%91/kontakta/",  # a full-width 1
        f"/insats/{without_address.pk}/kontakta/skickat/",
        f"/en/insats/{draft.pk}/kontakta/",
    ):
        assert client.get(path).status_code == HTTPStatus.NOT_FOUND, path
        assert client.post(path, _form()).status_code == HTTPStatus.NOT_FOUND, path
    assert "Kontakta ansvariga" not in client.get(without_address.url).content.decode()


def test_a_contact_with_only_an_address_gets_the_link_and_no_empty_card(client, filipstad):
    case = make_case(filipstad, contact={"email": OWNER})
    html = client.get(case.url).content.decode()
    assert f'href="/insats/{case.pk}/kontakta/"' in html
    assert "contact-card" not in html and OWNER not in html


def test_the_english_site_has_the_form_and_copy_in_english(
    client, case, smtp_inbox, django_capture_on_commit_callbacks
):
    html = client.get(f"/en/insats/{case.pk}/kontakta/").content.decode()
    assert "Contact the case's team" in html or "Contact the case&#x27;s team" in html
    assert "Your message" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/insats/{case.pk}/kontakta/", _form(name=""))
        assert "Write your name." in response.content.decode()
        response = client.post(f"/en/insats/{case.pk}/kontakta/", _form())
    assert response["Location"] == f"/en/insats/{case.pk}/kontakta/skickat/"
    assert "Your message has been sent" in client.get(response["Location"]).content.decode()
    [copy] = smtp_inbox.to(SENDER)
    assert subject(copy) == "Receipt: your message about “Läxhjälp med föräldrar”"
    [owner_mail] = smtp_inbox.to(OWNER)  # the municipality reads Swedish
    assert subject(owner_mail).startswith("Fråga om")


# The admin's Messages


def _message(case) -> ContactMessage:
    return ContactMessage.objects.create(
        case=case, sender_name="Per Holm", sender_email=SENDER, message=MESSAGE
    )


@pytest.fixture
def other_editor(django_user_model, ljusnarsberg):
    user = django_user_model.objects.create_user(
        "redaktor-ljusnarsberg", "redaktor@ljusnarsberg.example", "ett-långt-lösenord-för-test"
    )
    user.groups.add(Group.objects.get(name__startswith="Kommunredaktör – Ljusnarsberg"))
    return user


def test_the_municipalitys_editor_reads_and_marks_its_messages(client, case, filipstad_editor):
    message = _message(case)
    client.force_login(filipstad_editor)
    listing = client.get("/admin/meddelanden/")
    assert listing.status_code == HTTPStatus.OK
    html = listing.content.decode()
    assert "Meddelanden" in html and "Per Holm" in html and "Läxhjälp med föräldrar" in html
    assert OWNER not in html

    inspect = client.get(f"/admin/meddelanden/inspect/{message.pk}/").content.decode()
    assert "Hur fick ni med föräldrarna?" in inspect and SENDER in inspect

    response = client.post(f"/admin/meddelanden/edit/{message.pk}/", {"handled": "on"})
    assert response.status_code == HTTPStatus.FOUND
    message.refresh_from_db()
    assert message.handled


def test_an_editor_of_another_municipality_sees_none_of_them(client, case, other_editor):
    message = _message(case)
    client.force_login(other_editor)
    listing = client.get("/admin/meddelanden/")
    assert listing.status_code == HTTPStatus.OK
    assert "Per Holm" not in listing.content.decode()
    for action in ("inspect", "edit", "delete"):
        response = client.get(f"/admin/meddelanden/{action}/{message.pk}/")
        assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN), action
        assert "Hur fick ni med" not in response.content.decode()
    client.post(f"/admin/meddelanden/delete/{message.pk}/")
    assert ContactMessage.objects.filter(pk=message.pk).exists()


def test_moderators_see_every_message_and_anonymous_visitors_none(client, case, moderator):
    _message(case)
    response = client.get("/admin/meddelanden/")
    assert response.status_code == HTTPStatus.FOUND
    assert "/admin/login/" in response["Location"]
    client.force_login(moderator)
    assert "Per Holm" in client.get("/admin/meddelanden/").content.decode()


def test_old_messages_are_deleted_after_the_retention_period(case, settings):
    settings.CONTACT_MESSAGE_RETENTION_MONTHS = 6
    old, recent = _message(case), _message(case)
    ContactMessage.objects.filter(pk=old.pk).update(
        created=timezone.now() - timezone.timedelta(days=200)
    )
    call_command("prune_contact_messages", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(ContactMessage.objects.values_list("pk", flat=True)) == [recent.pk]


HOSTILE = ["٣", "３", "-1", "0", str(2**31), str(2**64), "9" * 5000, "\x00", "5\x00", "%00"]
HOSTILE += ["' OR 1=1 --", '"><script>alert(1)</script>', "{{ 7*7 }}", "a@b.se\nBcc: x@y.se"]


def test_hostile_values_are_never_a_server_error(
    client, case, smtp_inbox, django_capture_on_commit_callbacks
):
    for value in HOSTILE:
        segment = quote(value, safe="")
        assert client.get(f"/insats/{segment}/kontakta/").status_code == HTTPStatus.NOT_FOUND
        fields = dict.fromkeys(("name", "email", "organisation", "message", "consent"), value)
        for started in (value, new_started_token(time.time() - 60)):  # forged, then valid
            fields["started"] = started
            response = _send(client, case, django_capture_on_commit_callbacks, **fields)
            assert response.status_code < 500, value
    assert all("x@y.se" not in recipients for recipients, _message in smtp_inbox.received)


def test_the_privacy_page_describes_contact_messages(client):
    html = client.get("/om/personuppgifter/").content.decode()
    assert "Meddelanden till en insats kontaktperson" in html
    assert "raderas efter en bestämd tid" in html
