"""What any cache may keep (cms/http_caching.py): public pages carry no cookie, no `Vary: Cookie`,
a public Cache-Control and an ETag answered with 304; nothing personal is ever storable."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from cases.models import CaseStudyPage

pytestmark = pytest.mark.django_db


def _never_stored(response) -> bool:
    """private and no-store, whether set here or by the view (Wagtail's never_cache adds more)."""
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives and "public" not in directives


@pytest.fixture
def case(db):
    return CaseStudyPage.objects.live().filter(municipality__code="1782").first()


def _public_paths(case) -> list[str]:
    return [
        "/",
        "/en/",
        case.url,
        "/en" + case.url,
        "/kommuner/",
        "/kommuner/filipstad/",
        "/teman/",
        "/teman/grundskola/",
        "/sok/",
        "/sok/?q=skola",
        "/statistik/",
        "/sok/atom/",
        "/oppna-data/",
    ]


def test_public_pages_set_no_cookie_and_any_cache_may_keep_them(client, case, settings):
    for path in _public_paths(case):
        response = client.get(path)
        assert response.status_code == HTTPStatus.OK, path
        assert not response.cookies, f"{path} sets {list(response.cookies)}"
        assert "Cookie" not in response.get("Vary", ""), path
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert directives == {
            "public",
            f"max-age={settings.HTTP_CACHE_MAX_AGE}",
            f"s-maxage={settings.HTTP_CACHE_S_MAXAGE}",
            f"stale-while-revalidate={settings.HTTP_CACHE_STALE_WHILE_REVALIDATE}",
        }, path
        assert response.has_header("ETag"), path
        assert response["Content-Language"] == ("en" if path.startswith("/en/") else "sv")


def test_an_unchanged_page_is_answered_with_304(client, case):
    first = client.get(case.url)
    again = client.get(case.url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == HTTPStatus.NOT_MODIFIED
    assert again.content == b""
    other = client.get(case.url, headers={"If-None-Match": '"something-else"'})
    assert other.status_code == HTTPStatus.OK


def test_nothing_a_signed_in_user_sees_may_be_stored(client, superuser, case):
    client.force_login(superuser)
    paths = [
        "/",
        case.url,
        "/sok/",
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=[case.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[case.pk]),
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == HTTPStatus.OK, path
        assert _never_stored(response), path
        assert not response.has_header("ETag"), path


def test_the_login_page_and_posts_are_never_stored(client):
    login = client.get(reverse("wagtailadmin_login"))
    assert _never_stored(login)
    posted = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert _never_stored(posted)


def test_pages_under_view_restrictions_are_never_stored(client, superuser, case):
    PageViewRestriction.objects.create(page=case, restriction_type=PageViewRestriction.LOGIN)
    anonymous = client.get(case.url)
    assert anonymous.status_code == HTTPStatus.FOUND  # to the login page
    assert _never_stored(anonymous)
    client.force_login(superuser)
    signed_in = client.get(case.url)
    assert signed_in.status_code == HTTPStatus.OK
    assert _never_stored(signed_in)


def test_a_password_protected_page_is_never_stored(client, case):
    PageViewRestriction.objects.create(
        page=case, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    form = client.get(case.url)
    assert form.status_code == HTTPStatus.OK
    assert case.title not in form.content.decode()
    assert _never_stored(form)


def test_not_found_is_kept_only_briefly(client, settings):
    response = client.get("/finns-inte/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response["Cache-Control"] == f"public, max-age={settings.HTTP_CACHE_ERROR_MAX_AGE}"
    assert settings.HTTP_CACHE_ERROR_MAX_AGE <= 60
