"""The page cache (cms/page_cache.py) on the shared caches the site really uses – the database
table and Redis: what one visitor is served, the next gets from the cache, and any change the
public can see shows on the very next request."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.core.management import call_command

from cases.models import CaseStudyPage, Municipality
from cms.models import SiteSettings
from tests.cms.redis_server import redis_url  # noqa: F401 (a fixture)
from tests.factories import make_case
from themes.models import Theme

pytestmark = pytest.mark.django_db

DATABASE_CACHE_TABLE = "kb_page_cache_test"


@pytest.fixture(params=["database", "redis"])
def shared_cache(request, settings):
    """The site's default cache is the database table or a real Redis; the page cache is on."""
    if request.param == "redis":
        location = request.getfixturevalue("redis_url")
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": location,
            }
        }
    else:
        settings.CACHES = {
            "default": {"BACKEND": "cms.cache.DatabaseCache", "LOCATION": DATABASE_CACHE_TABLE}
        }
        call_command("createcachetable", verbosity=0)
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield request.param
    cache.clear()


def _get(client, path, **headers):
    response = client.get(path, headers=headers)
    return response, response.content.decode()


def _served_from_cache(client, path) -> bool:
    return client.get(path).get("X-Page-Cache") == "hit"


def test_a_public_page_is_served_from_the_cache_the_second_time(client, shared_cache):
    first = client.get("/kommuner/")
    second = client.get("/kommuner/")
    assert first.status_code == second.status_code == HTTPStatus.OK
    assert first.get("X-Page-Cache") == "miss"
    assert second.get("X-Page-Cache") == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_swedish_and_english_are_kept_apart(client, shared_cache):
    assert '<html lang="sv">' in _get(client, "/")[1]
    assert '<html lang="en">' in _get(client, "/en/")[1]
    assert '<html lang="sv">' in _get(client, "/")[1]
    assert _served_from_cache(client, "/en/")


PATHS_THAT_SHOW_A_NEW_CASE = [
    "/",
    "/kommuner/filipstad/",
    "/teman/grundskola/",
    "/sok/atom/",
    "/sok/",
    "/sok/?kommun=1782&sortering=nyast",
    "/en/kommuner/filipstad/",
]


def test_publishing_shows_on_every_page_at_the_next_request(client, filipstad, shared_cache):
    title = f"Cachad insats {shared_cache}"
    before = {path: _get(client, path)[1] for path in [*PATHS_THAT_SHOW_A_NEW_CASE, "/statistik/"]}
    assert all(_served_from_cache(client, path) for path in before)
    assert not any(title in html for html in before.values())

    case = make_case(filipstad, title=title, slug=f"cachad-insats-{shared_cache}")

    for path in PATHS_THAT_SHOW_A_NEW_CASE:
        response, html = _get(client, path)
        assert response.status_code == HTTPStatus.OK, path
        assert title in html, f"{path} does not show the case published a moment ago"
    # /statistik/ counts the new case: its figures are not the ones before the publish.
    response, html = _get(client, "/statistik/")
    assert response.get("X-Page-Cache") == "miss"
    assert html != before["/statistik/"]
    assert title in _get(client, case.url)[1]


def test_unpublishing_and_editing_show_at_the_next_request(client, filipstad, shared_cache):
    case = make_case(filipstad, title="Insats som ändras", slug="insats-som-andras")
    assert "Insats som ändras" in _get(client, case.url)[1]
    assert _served_from_cache(client, case.url)

    case.title = "Insats med ny rubrik"
    case.save_revision().publish()
    assert "Insats med ny rubrik" in _get(client, case.url)[1]
    assert "Insats med ny rubrik" in _get(client, "/kommuner/filipstad/")[1]

    case.unpublish()
    assert client.get(case.url).status_code == HTTPStatus.NOT_FOUND
    assert "Insats med ny rubrik" not in _get(client, "/kommuner/filipstad/")[1]


def test_reference_data_and_settings_show_at_the_next_request(client, shared_cache):
    case = CaseStudyPage.objects.live().filter(municipality__code="1782").first()
    for path in ("/teman/grundskola/", case.url, "/om/"):
        _get(client, path)
        assert _served_from_cache(client, path)

    theme = Theme.objects.get(slug="grundskola")
    theme.name = "Grundskolan i fokus"
    theme.save()
    assert "Grundskolan i fokus" in _get(client, "/teman/grundskola/")[1]

    municipality = Municipality.objects.get(code="1782")
    municipality.name = "Filipstads kommun i test"
    municipality.save()
    assert "Filipstads kommun i test" in _get(client, case.url)[1]

    site_settings = SiteSettings.load()
    site_settings.contact_email = "kontakt@kunskapsbanken.example"
    site_settings.save()
    assert "kontakt@kunskapsbanken.example" in _get(client, "/om/")[1]


def test_a_signed_in_users_page_is_never_served_to_anyone_else(client, superuser, shared_cache):
    client.force_login(superuser)
    signed_in = client.get("/")
    assert signed_in["Cache-Control"] == "private, no-store"
    assert "X-Page-Cache" not in signed_in
    client.logout()
    client.cookies.clear()
    anonymous, anonymous_html = _get(client, "/")
    assert anonymous.get("X-Page-Cache") == "miss"  # nothing was kept from the signed-in request
    assert "w-userbar" not in anonymous_html
    # And the other way round: a signed-in user is not served the anonymous page from the cache.
    client.force_login(superuser)
    assert "X-Page-Cache" not in client.get("/")


def test_errors_and_refusals_are_not_kept(client, settings, shared_cache):
    missing = client.get("/finns-inte/")
    assert missing.status_code == HTTPStatus.NOT_FOUND
    assert missing["Cache-Control"] == f"public, max-age={settings.HTTP_CACHE_ERROR_MAX_AGE}"
    assert client.get("/finns-inte/").get("X-Page-Cache") is None

    settings.SEARCH_RATE_LIMIT_PER_MINUTE = 1
    assert client.get("/sok/atom/?tema=grundskola").status_code == HTTPStatus.OK
    refused = client.get("/sok/atom/?tema=fritid")
    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert refused["Cache-Control"] == "private, no-store"
    settings.SEARCH_RATE_LIMIT_PER_MINUTE = 0
    again = client.get("/sok/atom/?tema=fritid")
    assert again.status_code == HTTPStatus.OK
    assert again.get("X-Page-Cache") == "miss"


def test_random_query_strings_cannot_flood_the_cache(client, settings, shared_cache):
    # Unknown parameters (tracking tags, cache busters) and free search text are never kept.
    for path in ("/?utm_source=x", "/kommuner/?nocache=123", "/sok/?q=skola"):
        assert client.get(path).status_code == HTTPStatus.OK
        assert client.get(path).get("X-Page-Cache") is None, path
    # Known filters are, but only so many addresses per path and content version.
    settings.PAGE_CACHE_VARIANTS = 3
    paths = [f"/sok/?kommun={code}" for code in ("1782", "1864", "2104", "2132", "1814")]
    stored = [client.get(path).get("X-Page-Cache") for path in paths]
    assert stored == ["miss", "miss", "miss", None, None]
    assert _served_from_cache(client, paths[0])
    assert not _served_from_cache(client, paths[4])
