"""The sitemap lists every indexable public page – the page tree, focus areas, keywords, /statistik/
and /oppna-data/ – with lastmod from real change times, never a draft or a private case, and
every address in it answers 200. /sitemap.xml is an index of files that each stay far below the
50,000 addresses a sitemap file may hold."""

import math
import re
from datetime import timedelta
from http import HTTPStatus
from urllib.parse import unquote, urlsplit

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cases.models import CaseStudyPage
from cms.sitemap import file_dates, file_of, newest_per_ancestor
from tests.factories import make_case
from tests.sitemaps import file_paths, sitemap_xml

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


def _sitemap(client) -> dict[str, str]:
    xml = sitemap_xml(client)
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
    xml = sitemap_xml(client)
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


def _locations(client, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == HTTPStatus.OK, path
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


def test_the_index_lists_each_file_with_the_newest_change_in_it(client, filipstad):
    later = timezone.now() + timedelta(days=20)
    case = make_case(filipstad, keywords=["indexprov"])
    CaseStudyPage.objects.filter(pk=case.pk).update(last_published_at=later)

    xml = client.get("/sitemap.xml").content.decode()
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    listed = dict(re.findall(r"<loc>([^<]+)</loc><lastmod>([^<]+)</lastmod>", xml))
    assert list(listed) == [BASE + "/sitemap/sidor-1.xml", BASE + "/sitemap/ovriga-1.xml"]
    # The home page lists every case; /teman/ every keyword: both files changed with the case.
    stamp = timezone.localtime(later).isoformat(timespec="seconds")
    assert listed[BASE + "/sitemap/sidor-1.xml"] == stamp
    assert listed[BASE + "/sitemap/ovriga-1.xml"] == stamp


def test_no_file_holds_more_addresses_than_the_limit(client, settings):
    everything = sorted(_sitemap(client))
    settings.SITEMAP_ADDRESSES_PER_FILE = 3
    paths = file_paths(client)
    pages = [path for path in paths if path.startswith("/sitemap/sidor-")]
    others = [path for path in paths if path.startswith("/sitemap/ovriga-")]
    assert pages == [f"/sitemap/sidor-{n}.xml" for n in range(1, len(pages) + 1)]
    assert others == [f"/sitemap/ovriga-{n}.xml" for n in range(1, len(others) + 1)]
    # The keywords of /teman/ are many routes of one page: they are split like pages.
    keyword_addresses = sum("/teman/nyckelord/" in loc for loc in everything)
    assert len(others) >= math.ceil(keyword_addresses / 2 / 3)

    split = []
    for path in paths:
        locations = _locations(client, path)
        assert 0 < len(locations) <= 2 * 3, path  # three addresses, each in both languages
        split += locations
    assert sorted(split) == everything  # nothing lost, nothing twice


@pytest.mark.parametrize(
    "path",
    [
        *(f"/sitemap/sidor-{n}.xml" for n in ("0", "-1", "99999", "²", "١", "abc", "01", "1.5")),
        "/sitemap/ovriga-2.xml",
        "/sitemap/okand-1.xml",
        "/sitemap/sidor-.xml",
        *(f"/sitemap.xml?p={n}" for n in ("0", "-1", "99999", "²", "١", "abc", "1", "2")),
        "/sitemap/sidor-1.xml?p=2",
    ],
)
def test_a_file_that_does_not_exist_is_not_found(client, path):
    assert client.get(path).status_code == HTTPStatus.NOT_FOUND


def test_every_file_answers_a_conditional_request_and_may_be_kept_an_hour(client):
    for path in ["/sitemap.xml", *file_paths(client)]:
        response = client.get(path)
        assert response["Content-Type"] == "application/xml"
        assert "public" in response["Cache-Control"]
        assert "max-age=3600" in response["Cache-Control"]
        again = client.get(path, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
        assert again.status_code == HTTPStatus.NOT_MODIFIED, path


def test_a_published_case_is_in_the_next_anonymous_sitemap(client, settings, filipstad):
    settings.PAGE_CACHE_SECONDS = 600
    before = sitemap_xml(client)
    assert sitemap_xml(client) == before  # from the page cache now
    case = make_case(filipstad, title="Nypublicerad sitemapinsats")
    after = sitemap_xml(client)
    assert BASE + case.url in after
    assert BASE + case.url not in before


def test_a_files_date_counts_the_newest_case_below_any_of_its_pages():
    day = timezone.now()
    below = newest_per_ancestor([("000100020001", day), ("000100020001", None)])
    assert below == {"0001": day, "00010002": day, "000100020001": day}
    starts = ["00010002", "000100020001000A"]
    # The municipality index starts in file 1, its cases run into file 2: file 1 changed too.
    assert file_dates(starts, [None, None], below) == [day, None]
    assert file_of("0001", starts) is None  # above the site root: in no file
