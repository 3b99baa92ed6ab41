"""sitemap.xml lists every indexable public page – the page tree, focus areas, keywords, /statistik/
and /oppna-data/ – with lastmod from real change times, never a draft or a private case, and
every address in it answers 200."""

import re
from datetime import timedelta
from http import HTTPStatus
from urllib.parse import unquote, urlsplit

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cases.models import CaseStudyPage
from tests.factories import make_case

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


def _sitemap(client) -> dict[str, str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == HTTPStatus.OK
    xml = response.content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    entries = dict(re.findall(r"<loc>([^<]+)</loc><lastmod>([^<]+)</lastmod>", xml))
    assert len(entries) == len(locations), "an entry without lastmod"
    return entries


def test_every_address_in_the_sitemap_answers_200(client):
    entries = _sitemap(client)
    assert len(entries) > 40  # the demo: pages, municipalities, cases, themes, keywords
    failures = []
    for location in entries:
        parts = urlsplit(location)
        assert f"{parts.scheme}://{parts.netloc}" == BASE
        response = client.get(unquote(parts.path))
        if response.status_code != HTTPStatus.OK:
            failures.append(f"{location}: {response.status_code}")
        elif b'name="robots" content="noindex' in response.content:
            failures.append(f"{location}: asks not to be indexed")
    assert not failures, "\n".join(failures)


def test_views_outside_the_page_tree_and_keyword_pages_are_listed(client):
    entries = _sitemap(client)
    assert BASE + "/statistik/" in entries
    assert BASE + "/oppna-data/" in entries
    assert any("/teman/nyckelord/" in location for location in entries)
    assert not any(urlsplit(location).path.startswith("/sok/") for location in entries)

    newest = CaseStudyPage.objects.live().public().order_by("-last_published_at").first()
    assert entries[BASE + "/statistik/"] == timezone.localdate(newest.last_published_at).isoformat()


def test_listings_change_when_a_case_they_list_is_published(client, filipstad):
    later = timezone.now() + timedelta(days=30)
    case = make_case(filipstad, keywords=["sitemapprov"])
    CaseStudyPage.objects.filter(pk=case.pk).update(last_published_at=later)
    entries = _sitemap(client)
    day = timezone.localdate(later).isoformat()
    assert entries[BASE + filipstad.url] == day
    assert entries[BASE + "/kommuner/"] == day
    assert entries[BASE + "/"] == day
    assert entries[BASE + "/teman/nyckelord/sitemapprov/"] == day
    assert entries[BASE + "/om/"] != day  # a page that lists no cases keeps its own time


def test_private_and_draft_cases_and_their_keywords_are_left_out(client, filipstad):
    draft = make_case(filipstad, publish=False, keywords=["utkastord"])
    private = make_case(filipstad, keywords=["hemligtord"])
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    later = timezone.now() + timedelta(days=30)
    CaseStudyPage.objects.filter(pk=private.pk).update(last_published_at=later)

    entries = _sitemap(client)
    locations = " ".join(entries)
    assert draft.slug not in locations
    assert private.slug not in locations
    assert "utkastord" not in locations
    assert "hemligtord" not in locations
    assert entries[BASE + filipstad.url] != timezone.localdate(later).isoformat()


def test_every_address_is_listed_in_both_languages_with_hreflang_alternates(client, filipstad):
    xml = client.get("/sitemap.xml").content.decode()
    entries = re.findall(r"<url>(.*?)</url>", xml)
    path = filipstad.url
    for location in (BASE + path, BASE + "/en" + path):
        (entry,) = [e for e in entries if f"<loc>{location}</loc>" in e]
        alternates = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', entry))
        assert alternates == {
            "sv": BASE + path,
            "en": BASE + "/en" + path,
            "x-default": BASE + path,
        }
    assert f"<loc>{BASE}/en/statistik/</loc>" in xml
    english = client.get("/en" + path)
    assert english.status_code == HTTPStatus.OK
    assert '<html lang="en">' in english.content.decode()


def test_pages_name_their_other_language_in_the_head(client, filipstad):
    path = filipstad.url
    for address in (path, "/en" + path):
        html = client.get(address).content.decode()
        assert f'<link rel="alternate" hreflang="sv" href="{BASE}{path}">' in html
        assert f'<link rel="alternate" hreflang="en" href="{BASE}/en{path}">' in html
        assert f'<link rel="alternate" hreflang="x-default" href="{BASE}{path}">' in html
