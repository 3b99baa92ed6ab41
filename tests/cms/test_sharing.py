"""What search engines and link previews get: meta description, canonical address, Open Graph,
robots.txt, sitemap.xml – and the accessibility statement every page links to."""

import re
from datetime import timedelta
from html.parser import HTMLParser
from http import HTTPStatus

import pytest
from django.utils import timezone

from cases.models import CaseStudyPage
from cms.accessibility_statement import SLUG, statement_sections
from cms.models import SiteSettings, StandardPage
from cms.sharing import plain_text
from cms.site_structure import ensure_site_structure
from tests.factories import make_case
from tests.sitemaps import sitemap_xml
from themes.models import Theme

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


class _Head(HTMLParser):
    """The <meta> and <link rel> tags of a page, by name/property and by rel."""

    def __init__(self):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.anchors: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("name" in attrs or "property" in attrs):
            self.meta[attrs.get("name") or attrs["property"]] = attrs.get("content", "")
        elif tag == "link" and "rel" in attrs:
            self.links[attrs["rel"]] = attrs.get("href", "")
        elif tag == "a" and "href" in attrs:
            self.anchors.append(attrs["href"])


def _page(client, url, status=HTTPStatus.OK) -> _Head:
    response = client.get(url)
    assert response.status_code == status, url
    head = _Head()
    head.feed(response.content.decode())
    return head


def _case_with_image() -> CaseStudyPage:
    return CaseStudyPage.objects.live().filter(hero_image__isnull=False).first()


def test_case_page_shares_its_summary_and_a_rendition_of_its_image(client):
    case = _case_with_image()
    head = _page(client, case.url)

    assert head.meta["description"] == plain_text(case.summary)
    assert len(head.meta["description"]) <= 160
    assert head.links["canonical"] == BASE + case.url
    assert head.meta["og:url"] == BASE + case.url
    assert head.meta["og:type"] == "article"
    assert head.meta["og:title"] == case.title
    assert head.meta["og:description"] == head.meta["description"]
    assert head.meta["og:site_name"] == "Kunskapsbanken"
    assert head.meta["og:locale"] == "sv_SE"
    assert head.meta["og:locale:alternate"] == "en_GB"
    assert head.meta["twitter:card"] == "summary_large_image"

    rendition = case.hero_image.get_rendition("fill-1200x630|format-jpeg")
    assert head.meta["og:image"] == BASE + rendition.url
    assert "fill-1200x630" in head.meta["og:image"]
    assert head.meta["og:image"].endswith(".jpg")
    assert head.meta["og:image:width"] == str(rendition.width)
    assert head.meta["og:image:height"] == str(rendition.height)
    assert head.meta["og:image:alt"] == case.hero_image.default_alt_text
    assert head.meta["article:published_time"].startswith(str(case.first_published_at.year))
    assert rendition.file.storage.exists(rendition.file.name)


def test_viewing_a_case_writes_none_of_its_image_renditions_to_the_cache(client):
    """Renditions are read with the image; writing them back on every view would make each
    uncached view a database-cache commit in the default set-up."""
    case = _case_with_image()
    _page(client, case.url)  # makes any rendition that does not exist yet
    hero = case.hero_image
    rendition_model = hero.get_rendition_model()
    rendition_model.cache_backend.clear()
    _page(client, case.url)
    keys = [
        rendition_model.construct_cache_key(hero, rendition.focal_point_key, rendition.filter_spec)
        for rendition in rendition_model.objects.filter(image=hero)
    ]
    assert keys
    assert rendition_model.cache_backend.get_many(keys) == {}


def test_an_editors_search_description_wins_over_the_summary(client, filipstad):
    case = make_case(filipstad, summary="Sammanfattningen.")
    case.search_description = "Beskrivningen för sökmotorer."
    case.save_revision().publish()
    assert _page(client, case.url).meta["description"] == "Beskrivningen för sökmotorer."


def test_long_summaries_are_cut_to_about_160_characters(client, filipstad):
    case = make_case(filipstad, summary="Ett ord " * 60)
    description = _page(client, case.url).meta["description"]
    assert 100 < len(description) <= 160
    assert description.endswith("…")


def test_case_without_image_and_other_pages_share_the_default_image(client, filipstad):
    case = make_case(filipstad)
    for url in (case.url, "/", "/kommuner/", "/teman/grundskola/", "/sok/"):
        head = _page(client, url)
        assert head.meta["og:image"] == BASE + "/static/img/og-default.png", url
        assert head.meta["og:image:width"] == "1200"
        assert head.meta["og:image:height"] == "630"
        assert head.meta["og:image:alt"]


def test_the_default_image_is_shipped_at_1200_by_630(settings):
    from PIL import Image

    with Image.open(settings.BASE_DIR / "cms/static/img/og-default.png") as image:
        assert image.size == (1200, 630)


def test_home_page(client):
    head = _page(client, "/")
    assert head.links["canonical"] == BASE + "/"
    assert head.meta["og:type"] == "website"
    assert head.meta["og:title"] == "Kunskapsbanken"
    assert "erfarenheter" in head.meta["description"]
    assert "<" not in head.meta["description"]  # the rich-text intro, as plain text
    assert "robots" not in head.meta


def test_theme_and_keyword_routes_describe_themselves(client):
    theme = Theme.objects.get(slug="grundskola")
    head = _page(client, "/teman/grundskola/")
    assert head.links["canonical"] == BASE + "/teman/grundskola/"
    assert head.meta["og:title"] == theme.name
    assert head.meta["description"] == plain_text(theme.description)

    keyword = CaseStudyPage.objects.live().first().keywords.first()
    head = _page(client, f"/teman/nyckelord/{keyword.slug}/")
    assert head.meta["og:title"] == keyword.name
    assert keyword.name in head.meta["description"]


def test_search_page_is_canonical_and_its_result_pages_are_not_indexed(client):
    head = _page(client, "/sok/")
    assert head.links["canonical"] == BASE + "/sok/"
    assert head.meta["og:url"] == BASE + "/sok/"
    assert head.meta["og:type"] == "website"
    assert "robots" not in head.meta

    for url in ("/sok/?q=skola", "/sok/?tema=grundskola", "/sok/?q=skola&sida=2"):
        head = _page(client, url)
        assert head.meta["robots"] == "noindex, follow", url
        assert head.links["canonical"] == BASE + "/sok/", url


def test_query_strings_never_reach_the_canonical_address(client):
    assert _page(client, "/kommuner/?utm_source=nyhetsbrev").links["canonical"] == (
        BASE + "/kommuner/"
    )


def test_not_found_page_renders_the_head_without_a_canonical(client):
    head = _page(client, "/finns-inte/", status=HTTPStatus.NOT_FOUND)
    assert head.meta["robots"] == "noindex"
    assert "canonical" not in head.links
    assert head.meta["description"]
    assert head.meta["og:image"].startswith(BASE)


def test_https_requests_get_https_addresses(client):
    case = _case_with_image()
    response = client.get(case.url, secure=True)
    head = _Head()
    head.feed(response.content.decode())
    assert head.links["canonical"] == "https://testserver" + case.url
    assert head.meta["og:image"].startswith("https://testserver/")


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "public" in response["Cache-Control"]
    assert "max-age=86400" in response["Cache-Control"]
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Disallow: /sok/till/" in lines  # click-counting result links
    assert "Disallow: /sok/export" in lines  # whole-list downloads
    assert "Disallow: /sok/" not in lines
    assert f"Sitemap: {BASE}/sitemap.xml" in lines
    assert client.post("/robots.txt").status_code == HTTPStatus.METHOD_NOT_ALLOWED


def _sitemap(client) -> dict[str, str]:
    return dict(re.findall(r"<loc>([^<]+)</loc><lastmod>([^<]+)</lastmod>", sitemap_xml(client)))


def test_sitemap_lists_cases_municipalities_themes_and_standard_pages(client, filipstad):
    entries = _sitemap(client)
    case = CaseStudyPage.objects.live().first()
    assert BASE + case.url in entries
    assert BASE + filipstad.url in entries
    assert BASE + "/teman/" in entries
    assert BASE + "/teman/grundskola/" in entries
    assert BASE + "/om/" in entries
    assert BASE + f"/{SLUG}/" in entries
    assert entries[BASE + case.url] == timezone.localdate(case.last_published_at).isoformat()


def test_sitemap_leaves_out_drafts(client, filipstad):
    draft = make_case(filipstad, publish=False)
    assert not any(url.endswith(draft.slug + "/") for url in _sitemap(client))


def test_a_themes_lastmod_is_its_newest_case(client, filipstad):
    later = timezone.now() + timedelta(days=40)
    case = make_case(filipstad, themes=["folkhalsa"])
    CaseStudyPage.objects.filter(pk=case.pk).update(last_published_at=later)
    entries = _sitemap(client)
    assert entries[BASE + "/teman/folkhalsa/"] == timezone.localdate(later).isoformat()
    assert entries[BASE + "/teman/grundskola/"] != timezone.localdate(later).isoformat()


def test_sitemap_answers_a_conditional_request_with_not_modified(client):
    for path in ("/sitemap.xml", "/sitemap/sidor-1.xml"):
        last_modified = client.get(path)["Last-Modified"]
        response = client.get(path, HTTP_IF_MODIFIED_SINCE=last_modified)
        assert response.status_code == HTTPStatus.NOT_MODIFIED


def test_sitemap_rejects_a_bad_page_number_without_an_error(client):
    assert client.get("/sitemap.xml?p=abc").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/sitemap/sidor-99.xml").status_code == HTTPStatus.NOT_FOUND


def test_accessibility_statement_exists_after_setup_and_is_the_footer_link():
    statement = StandardPage.objects.get(slug=SLUG)
    assert statement.live
    assert statement.title == "Tillgänglighetsredogörelse"
    assert SiteSettings.load().accessibility_statement_id == statement.pk
    text = " ".join(str(block.value) for block in statement.body)
    for required in (
        "delvis förenlig",
        "WCAG 2.1",
        "axe-core",
        "Chromium",
        "tangentbord",
        "PDF",
        "Kartan över länen",
        "Myndigheten för digital förvaltning",
        "https://www.digg.se/tdosanmalan",
        "Senaste bedömningen gjordes den",
        "uppdaterades senast",
    ):
        assert required in text, required


def test_about_page_exists_for_the_navigation(client):
    assert _page(client, "/om/").links["canonical"] == BASE + "/om/"


def test_every_page_links_to_the_accessibility_statement(client, filipstad):
    case = CaseStudyPage.objects.live().first()
    statement_url = f"/{SLUG}/"
    for url, status in (
        ("/", HTTPStatus.OK),
        ("/kommuner/", HTTPStatus.OK),
        (filipstad.url, HTTPStatus.OK),
        (case.url, HTTPStatus.OK),
        ("/teman/", HTTPStatus.OK),
        ("/teman/grundskola/", HTTPStatus.OK),
        ("/sok/?q=skola", HTTPStatus.OK),
        ("/om/", HTTPStatus.OK),
        (statement_url, HTTPStatus.OK),
        ("/finns-inte/", HTTPStatus.NOT_FOUND),
    ):
        assert statement_url in _page(client, url, status).anchors, url


def test_setup_again_keeps_the_statement_and_an_editors_choice():
    statement = StandardPage.objects.get(slug=SLUG)
    statement.title = "Tillgänglighetsredogörelse (reviderad)"
    statement.save_revision().publish()
    other = StandardPage.objects.get(slug="om")
    settings = SiteSettings.load()
    settings.accessibility_statement = other
    settings.save()

    ensure_site_structure()

    assert StandardPage.objects.filter(slug=SLUG).count() == 1
    assert StandardPage.objects.get(slug=SLUG).title == "Tillgänglighetsredogörelse (reviderad)"
    assert SiteSettings.load().accessibility_statement_id == other.pk


def test_setup_recreates_a_deleted_statement_and_links_it_again():
    StandardPage.objects.get(slug=SLUG).delete()
    assert SiteSettings.load().accessibility_statement_id is None
    ensure_site_structure()
    statement = StandardPage.objects.get(slug=SLUG)
    assert statement.live
    assert SiteSettings.load().accessibility_statement_id == statement.pk


def test_statement_names_the_contact_email_when_one_is_set():
    with_email = "".join(statement_sections("Tillväxtverket", "kunskapsbanken@myndighet.example"))
    assert 'href="mailto:kunskapsbanken@myndighet.example"' in with_email
    assert "Tillväxtverket står bakom" in with_email
    without = "".join(statement_sections("Kunskapsbanken", ""))
    assert "mailto:" not in without
    assert "Kontakt längst ned" in without
    assert "<script" not in "".join(statement_sections("<script>", "a@b.example"))


class _Assets(HTMLParser):
    """Addresses the browser fetches by itself: scripts, stylesheets, images, frames."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "video", "audio") and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("rel") in ("stylesheet", "preload", "icon", "modulepreload"):
            self.urls.append(attrs.get("href", ""))


def test_pages_fetch_nothing_from_other_hosts(client):
    case = _case_with_image()
    for url in ("/", case.url, "/teman/grundskola/", "/sok/?q=skola", f"/{SLUG}/"):
        assets = _Assets()
        assets.feed(client.get(url).content.decode())
        assert assets.urls, url
        for asset in assets.urls:
            assert asset.startswith("/") and not asset.startswith("//"), (url, asset)
