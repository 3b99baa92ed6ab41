"""The public site's design: what each page type shows, its structure, languages, images, print."""

import re
from html.parser import HTMLParser
from http import HTTPStatus
from itertools import pairwise

import pytest
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from cases.blocks import ImageBlock
from cases.models import CaseAttachment, CaseStudyPage, MunicipalityPage
from tests.factories import make_case
from themes.models import Theme

pytestmark = pytest.mark.django_db

PAGE_TYPES = [
    "/",
    "/kommuner/",
    "/kommuner/filipstad/",
    "/kommuner/filipstad/brobyggare-i-skolan/",
    "/teman/",
    "/teman/grundskola/",
    "/teman/nyckelord/brobyggare/",
    "/sok/",
    "/sok/?q=brobyggare",
    "/om/",
]


class Outline(HTMLParser):
    """Headings, landmarks and the first focusable element of a page."""

    def __init__(self):
        super().__init__()
        self.headings: list[int] = []
        self.landmarks: list[tuple[str, dict]] = []
        self.first_link: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag in ("header", "nav", "main", "footer") or attrs.get("role") == "search":
            self.landmarks.append((tag, attrs))
        if tag == "a" and self.first_link is None:
            self.first_link = attrs


def _get(client, url, status=HTTPStatus.OK):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def _outline(html) -> Outline:
    outline = Outline()
    outline.feed(html)
    return outline


def _section(html, heading_id):
    """The HTML from a section's heading to the end of that section."""
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


@pytest.mark.parametrize("url", [*PAGE_TYPES, "/finns-inte/"])
def test_every_page_type_has_one_h1_no_skipped_levels_and_landmarks(client, url):
    status = HTTPStatus.NOT_FOUND if url == "/finns-inte/" else HTTPStatus.OK
    outline = _outline(_get(client, url, status))
    assert outline.headings.count(1) == 1 and outline.headings[0] == 1, outline.headings
    for previous, current in pairwise(outline.headings):
        assert current <= previous + 1, outline.headings
    assert outline.first_link == {"class": "skip-link", "href": "#main"}
    tags = [tag for tag, _ in outline.landmarks]
    assert (
        tags.count("main") == 1 and ("main", {"id": "main", "class": "wrap"}) in outline.landmarks
    )
    assert "header" in tags and "footer" in tags
    assert all(attrs.get("aria-label") for tag, attrs in outline.landmarks if tag == "nav")


def test_header_search_sends_q_to_the_search_page(client):
    html = _get(client, "/kommuner/")
    form = re.search(
        r'<form class="header-search" role="search" action="([^"]+)" method="get"', html
    )
    assert form and form.group(1) == "/sok/"
    assert 'id="header-search-q" name="q" type="search"' in html
    assert '<label class="visually-hidden" for="header-search-q">' in html


def test_the_search_page_has_a_single_search_form(client):
    html = _get(client, "/sok/")
    assert 'class="header-search"' not in html
    assert html.count('role="search"') == 1


def test_the_current_section_is_marked_in_the_main_navigation(client):
    assert '<a href="/kommuner/" aria-current="page">' in _get(client, "/kommuner/")
    assert '<a href="/kommuner/" aria-current="true">' in _get(client, "/kommuner/filipstad/")
    assert 'aria-current="page">' not in _get(client, "/").split('class="main-nav"')[1][:600]


def test_home_lists_focus_areas_evaluated_and_latest_cases_and_municipalities_by_county(client):
    html = _get(client, "/")
    focus = _section(html, "focus-areas-heading")
    for theme in Theme.objects.all():
        assert escape(theme.name) in focus
    counted = CaseStudyPage.objects.live().filter(themes__slug="grundskola").count()
    assert re.search(rf"Grundskola</a></h3><p[^>]*>{counted} insatser<", focus)

    evaluated = _section(html, "evaluated-heading")
    good = CaseStudyPage.objects.live().filter(
        evidence_level="evaluated_good", indicators__isnull=False
    )
    titles = re.findall(r'class="case-card__title"><a href="[^"]+">([^<]+)<', evaluated)
    assert 0 < len(titles) <= 3
    assert set(titles) <= {escape(case.title) for case in good}
    assert "/sok/?evidens=evaluated_good&amp;resultat=ja" in evaluated

    latest = _section(html, "latest-heading")
    newest = CaseStudyPage.objects.live().order_by("-first_published_at").first()
    assert escape(newest.title) in latest

    municipalities = html[html.index('id="municipalities-heading"') :]
    for page in MunicipalityPage.objects.live().select_related("municipality"):
        county = municipalities.index(f">{page.municipality.county_name}</h3>")
        assert municipalities.index(f">{page.title}</a>", county) > county
    filipstad_cases = CaseStudyPage.objects.live().filter(municipality__code="1782").count()
    assert f'>Filipstad</a> <span class="count-note">({filipstad_cases} insatser)' in municipalities


def test_case_page_shows_summary_first_and_a_facts_box(client, filipstad):
    case = make_case(
        filipstad,
        title="Läxhjälp på biblioteket",
        summary="Läxhjälp två kvällar i veckan.",
        themes=["grundskola"],
        keywords=["läxhjälp"],
        status="completed",
        start_date="2021-08-16",
        end_date="2023-06-14",
        grant_amount=400_000,
        total_budget=650_000,
    )
    html = _get(client, case.url)
    assert html.index("Läxhjälp två kvällar i veckan.") < html.index('id="facts-heading"')
    facts = html[html.index('<aside class="facts"') : html.index("</aside>")]
    for expected in [
        "Filipstad</a>, Värmlands län",
        '<span class="status status--completed">Avslutad</span>',
        "16 augusti 2021 – 14 juni 2023",
        "400\u00a0000 kr",
        "650\u00a0000 kr",
        ">Grundskola</a>",
        ">läxhjälp</a>",
    ]:
        assert expected in facts, expected


def test_case_page_draws_the_indicators_as_a_chart_with_a_text_alternative(client, filipstad):
    case = make_case(
        filipstad,
        indicators=[
            {"name": "Närvaro", "unit": "%", "baseline": 80, "target": 90, "outcome": 92.5},
            {"name": "Deltagare", "unit": "", "baseline": None, "target": 40, "outcome": None},
        ],
    )
    # The text alternative in a language we can assert.
    html = _get(client, "/en" + case.url)
    indicators = _section(html, "indicators-heading")
    assert '<caption id="indicators-caption">' in indicators
    chart = re.search(r'<div class="indicator-chart__plot" role="img" aria-label="([^"]+)"', html)
    label = chart.group(1)
    assert "Närvaro (%): baseline 80, target 90, outcome 92.5." in label
    assert "Deltagare: baseline not given, target 40, outcome not yet measured." in label
    # Bars on each indicator's own scale: 92.5 is the longest of the first indicator.
    assert '<rect width="100" height="10"/>' in indicators
    assert '<rect width="86" height="10"/>' in indicators  # 80 / 92.5


def test_content_is_marked_swedish_when_the_interface_is_english(client, filipstad):
    case = make_case(filipstad, title="Språkcafé för föräldrar", summary="Ett café på svenska.")
    html = _get(client, "/en" + case.url)
    assert '<html lang="en">' in html
    assert '<h1 lang="sv">Språkcafé för föräldrar</h1>' in html
    assert '<p class="lead" lang="sv">Ett café på svenska.</p>' in html
    assert '<div class="prose" lang="sv">' in html  # the body sections
    hits = _get(client, "/en/sok/?q=brobyggare")
    assert '<h2 lang="sv" class="hit-title">' in hits
    assert '<p class="hit-summary" lang="sv">' in hits
    assert '<h3 class="case-card__title" lang="sv">' in _get(client, "/en/")


def test_content_carries_no_extra_lang_in_the_swedish_interface(client, filipstad):
    case = make_case(filipstad, title="Språkcafé i Filipstad")
    html = _get(client, case.url)
    assert '<html lang="sv">' in html
    assert not re.search(r'\slang="sv"', html.replace('<html lang="sv">', ""))


def test_every_page_links_the_print_stylesheet(client):
    for url in ["/", "/kommuner/filipstad/brobyggare-i-skolan/"]:
        html = _get(client, url)
        assert re.search(
            r'<link rel="stylesheet" href="/static/css/print\.css" media="print">', html
        )


def test_attachments_show_their_full_address_when_printed(client, filipstad):
    document = get_document_model().objects.create(
        title="Slutrapport", file=ContentFile(b"%PDF-1.4 test", name="slutrapport.pdf")
    )
    case = make_case(filipstad, publish=False)
    case.attachments = [CaseAttachment(document=document)]
    case.save_revision().publish()
    html = _get(client, case.url)
    assert f'<span class="print-url">http://testserver{document.url}</span>' in html


def test_hero_image_is_a_responsive_picture_with_webp_and_dimensions(client):
    case = CaseStudyPage.objects.live().filter(hero_image__isnull=False).first()
    html = _get(client, case.url)
    hero = html[html.index('<figure class="hero"') : html.index("</figure>")]
    assert "<picture>" in hero
    webp = re.search(r'<source sizes="[^"]+" srcset="([^"]+)" type="image/webp">', hero)
    assert webp and webp.group(1).count(".webp ") == 3  # three widths
    img = re.search(r"<img [^>]+>", hero).group(0)
    assert re.search(r'src="[^"]+\.jpg"', img) and 'srcset="' in img
    assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)
    assert f'alt="{escape(case.hero_image.default_alt_text)}"' in img


def test_decorative_content_images_get_empty_alt_text():
    image = get_image_model().objects.first()
    block = ImageBlock()
    decorative = block.render(block.to_python({"image": image.pk, "decorative": True}))
    described = block.render(block.to_python({"image": image.pk, "decorative": False}))
    assert 'alt=""' in decorative and 'type="image/webp"' in decorative
    assert f'alt="{escape(image.default_alt_text)}"' in described


def test_not_found_page_is_in_the_site_design_with_a_search(client):
    html = _get(client, "/finns-inte/", HTTPStatus.NOT_FOUND)
    assert 'class="main-nav"' in html and 'class="site-footer"' in html
    assert 'action="/sok/"' in html and 'name="q"' in html


def test_server_error_page_renders_without_a_request_in_the_site_design():
    html = render_to_string("500.html")
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html
    assert "<h1>Något gick fel</h1>" in html
    assert 'class="main-nav"' in html
