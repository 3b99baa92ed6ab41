"""Cached listings follow publishing at once: the content version (core/content_version.py) changes
with every change the public can see, and cached parts are keyed by it and by the language."""

import os
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.utils import translation

from cases.models import CaseStudyPage, GrantAllocation, Municipality
from core.content_version import cache_key, cached, content_version
from search.listing import ListingRequest
from search.request import SearchRequest
from search.tasks import sync_cluster
from search.templatetags.case_listings import _engine
from tests.factories import make_case
from tests.servers import manage
from themes.models import Keyword, TargetGroup, Theme

pytestmark = pytest.mark.django_db

HOME_LISTING = ListingRequest(limit=6)


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test's database starts at content version "0", so an earlier test's entries match."""
    cache.clear()


def _home(client, path="/") -> str:
    response = client.get(path)
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def _home_listing_is_cached() -> bool:
    return cache.get(cache_key("listed_cases", (HOME_LISTING, _engine()))) is not None


def test_tests_use_the_real_local_memory_cache(settings):
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_publishing_a_case_shows_it_in_the_cached_home_listing_at_once(client, filipstad):
    _home(client)
    assert _home_listing_is_cached()

    case = make_case(filipstad, title="Alldeles nyss publicerad insats")

    assert "Alldeles nyss publicerad insats" in _home(client)
    assert _home_listing_is_cached()  # cached again, under the new version
    case.unpublish()
    assert "Alldeles nyss publicerad insats" not in _home(client)


def test_theme_and_municipality_listings_follow_publishing(client, filipstad):
    draft = make_case(filipstad, title="Utkast om folkhälsa", themes=["folkhalsa"], publish=False)
    assert "Utkast om folkhälsa" not in client.get("/teman/folkhalsa/").content.decode()
    assert "Utkast om folkhälsa" not in client.get(filipstad.url).content.decode()

    draft.save_revision().publish()

    assert "Utkast om folkhälsa" in client.get("/teman/folkhalsa/").content.decode()
    assert "Utkast om folkhälsa" in client.get(filipstad.url).content.decode()


def test_a_draft_revision_does_not_change_the_version(filipstad):
    case = make_case(filipstad)
    before = content_version()
    case.title = "Ändrad men inte publicerad"
    case.save_revision()
    assert content_version() == before


def _publish_unpublish(filipstad):
    make_case(filipstad).unpublish()


def _move(filipstad):
    from cases.models import MunicipalityPage

    case = make_case(filipstad)
    case.move(MunicipalityPage.objects.get(municipality__code="1864"), pos="last-child")


def _delete(filipstad):
    CaseStudyPage.objects.filter(pk=make_case(filipstad).pk).first().delete()


@pytest.mark.parametrize(
    "change",
    [
        lambda filipstad: make_case(filipstad),
        _publish_unpublish,
        _move,
        _delete,
        lambda filipstad: Theme.objects.filter(slug="grundskola").first().save(),
        lambda filipstad: TargetGroup.objects.first().save(),
        lambda filipstad: Keyword.objects.create(name="Nytt nyckelord", slug="nytt-nyckelord"),
        lambda filipstad: Municipality.objects.get(code="1782").save(),
        lambda filipstad: GrantAllocation.objects.first().save(),
        lambda filipstad: GrantAllocation.objects.first().delete(),
        # A search cluster is brought up to date in the background; its end changes listings too.
        lambda filipstad: sync_cluster.enqueue([]),
    ],
    ids=[
        "publish",
        "unpublish",
        "move",
        "delete",
        "theme",
        "target-group",
        "keyword",
        "municipality",
        "grant",
        "grant-deleted",
        "cluster-sync",
    ],
)
def test_every_public_change_sets_a_new_version(filipstad, change):
    before = content_version()
    change(filipstad)
    assert content_version() != before


def test_cached_values_are_kept_per_language():
    calls = []

    def compute():
        calls.append(translation.get_language())
        return translation.get_language()

    with translation.override("sv"):
        assert cached("language-test", (), compute) == "sv"
        assert cached("language-test", (), compute) == "sv"
    with translation.override("en"):
        assert cached("language-test", (), compute) == "en"
    assert calls == ["sv", "en"]


def test_home_in_english_is_not_served_from_the_swedish_cache(client):
    _home(client)
    with translation.override("en"):
        assert not _home_listing_is_cached()
    _home(client, "/en/")
    with translation.override("en"):
        assert _home_listing_is_cached()


def test_an_answer_from_the_fallback_engine_is_not_kept(client, settings):
    settings.SEARCH_ENGINE_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    settings.SEARCH_TIMEOUT_SECONDS = 0.5
    newest = CaseStudyPage.objects.live().order_by("-first_published_at").first()
    assert newest.title in _home(client)  # the database answered in the cluster's place
    assert not _home_listing_is_cached()


def test_the_home_pages_evaluated_cases_are_cached(client):
    _home(client)
    evaluated = SearchRequest(
        evidence_levels=("evaluated_good",), has_indicators=True, sort="newest", page_size=3
    ).normalised()
    assert cache.get(cache_key("search", (evaluated, _engine()))) is not None


def test_similar_cases_and_peers_on_a_case_page_are_cached(client):
    """The case's relations, similar cases and peers are one entry (cases/page_context.py)."""
    case = CaseStudyPage.objects.live().filter(municipality__code="1782").first()
    assert client.get(case.url).status_code == HTTPStatus.OK
    assert cache.get(cache_key("case_page", (case.pk, _engine()))) is not None


def test_production_serves_hashed_static_files_through_whitenoise():
    result = manage(
        {
            **{k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS")},
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "kunskapsbanken.example.org",
        },
        "shell",
        "-c",
        "from django.conf import settings; "
        "print(settings.STORAGES['staticfiles']['BACKEND']); "
        "m = settings.MIDDLEWARE; "
        "print(m[m.index('django.middleware.security.SecurityMiddleware') + 1])",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == [
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]
