"""The subscription pages with bad input: a Swedish message and a 4xx, never a 500; the rate
limit; saved searches normalised; erase-my-data; the privacy page and the 'Följ' links."""

from __future__ import annotations

from datetime import timedelta
from http import HTTPStatus
from urllib.parse import quote

import pytest
from django.core import signing

from subscriptions import tokens
from subscriptions.models import Subscription
from subscriptions.targets import normalised_search
from tests.smtp import SITE, parts, serve_smtp

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp_inbox(settings):
    yield from serve_smtp(settings)


def _text(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize(
    "query, message",
    [
        ("?tema=finns-inte", "Det finns inget sådant fokusområde att följa."),
        ("?kommun=9999", "Det finns ingen sådan kommun att följa."),
        ("", "Länken säger inte vad som ska följas."),
        ("?sok=" + quote("q=" + "läxhjälp " * 80 + "&tema=grundskola"), None),
    ],
)
def test_a_bad_target_gets_a_swedish_message(client, query, message):
    response = client.get("/folj/" + query)
    if message is None:  # an overlong search is cut to /sok/'s limits, not refused
        assert response.status_code == HTTPStatus.OK
        return
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in _text(response)


def test_a_bad_address_is_explained_and_kept(client):
    response = client.post(
        "/folj/", {"tema": "grundskola", "email": "inte en adress", "frequency": "weekly"}
    )
    assert response.status_code == HTTPStatus.OK
    page = _text(response)
    assert "Ange en giltig e-postadress" in page
    assert 'value="inte en adress"' in page
    assert not Subscription.objects.exists()


def test_an_unknown_frequency_is_refused(client):
    response = client.post(
        "/folj/", {"tema": "grundskola", "email": "a@example.org", "frequency": "hourly"}
    )
    assert "Välj varje vecka eller direkt." in _text(response)
    assert not Subscription.objects.exists()


@pytest.mark.parametrize("route", ["bekrafta", "avsluta", "radera"])
def test_a_tampered_link_gets_a_swedish_message(client, route):
    response = client.get(f"/folj/{route}/WzEsImFAZXhhbXBsZS5vcmciXQ:1xa1cV:forged/")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Länken är inte giltig." in _text(response)
    response = client.post(f"/folj/{route}/WzEsImFAZXhhbXBsZS5vcmciXQ:1xa1cV:forged/")
    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_an_expired_confirmation_link_says_so(client, monkeypatch):
    subscription = Subscription.objects.create(
        email="a@example.org", kind="theme", target="grundskola"
    )
    token = tokens.confirm_token(subscription)
    real_loads = signing.loads
    monkeypatch.setattr(
        signing,
        "loads",
        lambda value, **kw: real_loads(value, **{**kw, "max_age": timedelta(seconds=-1)}),
    )
    response = client.post(f"/folj/bekrafta/{token}/")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Länken har gått ut." in _text(response)
    subscription.refresh_from_db()
    assert not subscription.confirmed


def test_a_confirmation_link_does_not_unsubscribe(client):
    subscription = Subscription.objects.create(
        email="a@example.org", kind="theme", target="grundskola"
    )
    response = client.post(f"/folj/avsluta/{tokens.confirm_token(subscription)}/")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert Subscription.objects.filter(pk=subscription.pk).exists()


def test_subscribing_is_rate_limited(client, settings):
    settings.SEARCH_RATE_LIMIT_PER_MINUTE = 2
    data = {"tema": "grundskola", "email": "inte en adress", "frequency": "weekly"}
    statuses = [client.post("/folj/", data).status_code for _ in range(3)]
    assert statuses == [HTTPStatus.OK, HTTPStatus.OK, HTTPStatus.TOO_MANY_REQUESTS]


def test_a_saved_search_is_normalised():
    assert normalised_search("tema=grundskola&sida=3&foo=bar&tema=finns-inte&antal=5") == (
        "tema=grundskola"
    )
    assert normalised_search("q=%20l%C3%A4xhj%C3%A4lp%20&sortering=nyast") == "q=l%C3%A4xhj%C3%A4lp"


def test_the_search_page_links_to_following_its_search(client):
    page = _text(client.get("/sok/?tema=grundskola&sida=1"))
    assert 'href="/folj/?sok=tema%3Dgrundskola%26sida%3D1"' in page
    follow = _text(client.get("/folj/?sok=tema%3Dgrundskola%26sida%3D1"))
    assert 'name="sok" value="tema=grundskola"' in follow


def test_theme_and_municipality_pages_link_to_following_them(client, filipstad):
    assert 'href="/folj/?tema=grundskola"' in _text(client.get("/teman/grundskola/"))
    assert 'href="/folj/?kommun=1782"' in _text(client.get(filipstad.url))
    assert 'href="/en/folj/?tema=grundskola"' in _text(client.get("/en/teman/grundskola/"))


def test_the_subscribe_page_is_never_cached(client):
    response = client.get("/folj/?tema=grundskola")
    assert "no-store" in response["Cache-Control"]


def test_english_visitors_get_english_pages_and_mail(
    client, smtp_inbox, django_capture_on_commit_callbacks
):
    page = _text(client.get("/en/folj/?tema=grundskola"))
    assert "Follow by e-mail" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en/folj/", {"tema": "grundskola", "email": "en@example.org", "frequency": "weekly"}
        )
    [message] = smtp_inbox.to("en@example.org")
    text, _html = parts(message)
    assert "Confirm with this link" in text
    assert f"{SITE}/en/folj/bekrafta/" in text
    assert Subscription.objects.get(email="en@example.org").language == "en"


def test_erase_my_data_deletes_every_subscription_of_the_address(
    client, smtp_inbox, django_capture_on_commit_callbacks
):
    for target in ("grundskola", "arbetsmarknad"):
        Subscription.objects.create(email="b@example.org", kind="theme", target=target)
    Subscription.objects.create(email="other@example.org", kind="theme", target="grundskola")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/folj/radera/", {"email": "b@example.org"})
        client.post("/folj/radera/", {"email": "nobody@example.org"})
    assert "Titta i din inkorg" in _text(response)
    assert smtp_inbox.to("nobody@example.org") == []  # no mail to addresses we do not hold
    [message] = smtp_inbox.to("b@example.org")
    text, _html = parts(message)
    path = text.split(SITE, 1)[1].split()[0]
    assert path.startswith("/folj/radera/")
    assert "följer 2 saker" in _text(client.get(path))
    done = client.post(path)
    assert "Dina uppgifter är raderade" in _text(done)
    assert list(Subscription.objects.values_list("email", flat=True)) == ["other@example.org"]


def test_the_privacy_page_says_what_is_stored_and_how_to_delete_it(client):
    page = _text(client.get("/om/personuppgifter/"))
    assert "Vad vi sparar" in page
    assert 'href="/folj/radera/"' in page
    assert "Personal data" in _text(client.get("/en/om/personuppgifter/"))
    assert 'href="/om/personuppgifter/"' in _text(client.get("/"))


def test_a_saved_search_is_named_by_its_filters(client):
    page = _text(
        client.get("/folj/?sok=" + quote("q=läxhjälp&tema=grundskola&lan=17&status=ongoing"))
    )
    assert "sökningen “läxhjälp”, Grundskola, Värmlands län, Pågående" in page


def test_one_address_gets_at_most_a_few_confirmation_mails_an_hour(
    client, settings, smtp_inbox, django_capture_on_commit_callbacks
):
    settings.SUBSCRIPTION_MAILS_PER_ADDRESS_HOUR = 2
    data = {"tema": "grundskola", "email": "c@example.org", "frequency": "weekly"}
    with django_capture_on_commit_callbacks(execute=True):
        responses = [client.post("/folj/", data) for _ in range(3)]
    assert [response.status_code for response in responses] == [HTTPStatus.FOUND] * 3
    assert len(smtp_inbox.to("c@example.org")) == 2


def test_one_client_may_cause_only_so_many_mails_an_hour(client, settings):
    settings.SUBSCRIPTION_MAILS_PER_CLIENT_HOUR = 2
    statuses = [
        client.post(
            "/folj/", {"tema": "grundskola", "email": f"d{n}@example.org", "frequency": "weekly"}
        ).status_code
        for n in range(3)
    ]
    assert statuses == [HTTPStatus.FOUND, HTTPStatus.FOUND, HTTPStatus.TOO_MANY_REQUESTS]
    assert Subscription.objects.filter(email__startswith="d").count() == 2
