"""themes/models.py: the taxonomy models (focus areas, target groups, keywords) and the
ThemeIndexPage that serves /teman/, one page per focus area and one per keyword, on both sites."""

import re
from http import HTTPStatus
from urllib.parse import unquote

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.html import escape

from cases.models import CaseStudyPage
from tests.factories import make_case
from tests.sitemaps import sitemap_xml
from themes.models import Keyword, TargetGroup, Theme, ThemeIndexPage

pytestmark = pytest.mark.django_db


# --- Taxonomy models


def test_focus_areas_and_target_groups_come_in_curated_order_then_by_name():
    Theme.objects.create(name="Ö-temat", slug="o-temat", sort_order=1)
    Theme.objects.create(name="A-temat", slug="a-temat", sort_order=1)
    names = list(Theme.objects.values_list("name", flat=True))
    assert names[:2] == ["A-temat", "Ö-temat"]
    orders = list(Theme.objects.values_list("sort_order", flat=True))
    assert orders == sorted(orders)
    groups = list(TargetGroup.objects.values_list("sort_order", "name"))
    assert groups == sorted(groups) and groups


def test_keywords_come_in_name_order():
    names = list(Keyword.objects.values_list("name", flat=True)[:50])
    assert names == sorted(names)


def test_a_focus_area_slug_must_be_ascii_and_unique():
    with pytest.raises(ValidationError) as error:
        Theme(name="Särskild skola", slug="särskild skola").full_clean()
    assert "slug" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Theme.objects.create(name="Grundskola igen", slug="grundskola")


def test_a_keyword_gets_its_slug_from_its_name():
    keyword = Keyword.objects.create(name="Ovanligt nyckelord")
    assert keyword.slug == "ovanligt-nyckelord"
    assert str(keyword) == "Ovanligt nyckelord"


def test_names_read_as_themselves_in_lists():
    theme = Theme.objects.get(slug="grundskola")
    assert str(theme) == "Grundskola"
    assert str(TargetGroup.objects.first()) == TargetGroup.objects.first().name


def test_the_english_name_is_shown_only_on_the_english_site():
    group = TargetGroup(name="Nyanlända", name_en="Newly arrived")
    with translation.override("en"):
        assert (group.display_name, group.display_language) == ("Newly arrived", "en")
    with translation.override("sv"):
        assert (group.display_name, group.display_language) == ("Nyanlända", "sv")
    keyword = Keyword(name="byalag")
    with translation.override("en"):
        assert (keyword.display_name, keyword.display_language) == ("byalag", "sv")


# --- ThemeIndexPage routes


def test_theme_index_lists_every_focus_area(client):
    html = client.get("/teman/").content.decode()
    for name in ["Grundskola", "Vuxenutbildning", "Digitalisering", "Övergripande utvecklingsplan"]:
        assert name in html


def test_theme_page_lists_exactly_the_cases_of_that_theme(client):
    response = client.get("/teman/vuxenutbildning/")
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "<h1>Vuxenutbildning</h1>" in html
    for case in CaseStudyPage.objects.live():
        in_theme = case.themes.filter(slug="vuxenutbildning").exists()
        assert (escape(case.title) in html) is in_theme, case.title


@pytest.mark.parametrize(("prefix", "shown"), [("", "ovanligt nyckelord"), ("/en", "unusual")])
def test_keyword_page_lists_cases_with_that_keyword(client, filipstad, prefix, shown):
    make_case(filipstad, title="Ovanlig insats", keywords=["ovanligt nyckelord"])
    Keyword.objects.filter(slug="ovanligt-nyckelord").update(name_en="unusual")
    response = client.get(f"{prefix}/teman/nyckelord/ovanligt-nyckelord/")
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert re.search(rf"<h1[^>]*>{shown}</h1>", html)
    assert f'href="{prefix}/teman/"' in html
    assert "Ovanlig insats" in html


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_unknown_theme_and_keyword_are_404_on_both_sites(client, prefix):
    assert client.get(f"{prefix}/teman/finns-inte/").status_code == HTTPStatus.NOT_FOUND
    assert client.get(f"{prefix}/teman/nyckelord/finns-inte/").status_code == HTTPStatus.NOT_FOUND


def test_a_focus_area_page_shows_its_description_and_search_link(client):
    theme = Theme.objects.get(slug="grundskola")
    Theme.objects.filter(pk=theme.pk).update(description="Skolan från förskoleklass till nian.")
    html = client.get("/teman/grundskola/").content.decode()
    assert "Skolan från förskoleklass till nian." in html
    assert 'href="/sok/?tema=grundskola"' in html
    assert "<title>Grundskola – Kunskapsbanken</title>" in html


def test_theme_and_keyword_urls_point_at_their_pages(client):
    index = ThemeIndexPage.objects.live().get()
    theme = Theme.objects.get(slug="digitalisering")
    keyword = Keyword.objects.filter(tagged_cases__isnull=False).first()
    assert index.theme_url(theme) == "/teman/digitalisering/"
    assert index.keyword_url(keyword) == f"/teman/nyckelord/{keyword.slug}/"
    assert client.get(index.keyword_url(keyword)).status_code == HTTPStatus.OK


def test_the_sitemap_lists_every_focus_area_and_every_used_keyword(client):
    xml = sitemap_xml(client)
    locations = {unquote(path) for path in re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", xml)}
    assert "/teman/" in locations
    for slug in Theme.objects.values_list("slug", flat=True):
        assert f"/teman/{slug}/" in locations
    used = Keyword.objects.filter(tagged_cases__content_object__live=True).distinct()
    for keyword in used[:20]:
        assert f"/teman/nyckelord/{keyword.slug}/" in locations
    unused = Keyword.objects.create(name="oanvänt nyckelord")
    xml = sitemap_xml(client)
    assert f"/teman/nyckelord/{unused.slug}/" not in xml
