"""The English site names focus areas and target groups in English, breadcrumbs included; the home
page's title is not doubled; an Atom feed's self link keeps its query."""

import re

import pytest
from django.utils import translation

from themes.models import TargetGroup, Theme
from themes.taxonomy import load_taxonomy, read_taxonomy


@pytest.mark.django_db
def test_every_curated_name_has_an_english_name():
    assert not Theme.objects.filter(name_en="").exists()
    assert not TargetGroup.objects.filter(name_en="").exists()


def test_display_name_follows_the_language_and_falls_back_to_swedish():
    theme = Theme(name="Grundskola", name_en="Compulsory school")
    untranslated = Theme(name="Folkhälsa")
    with translation.override("en"):
        assert theme.display_name == "Compulsory school"
        assert untranslated.display_name == "Folkhälsa"
        assert untranslated.display_language == "sv"
    with translation.override("sv"):
        assert theme.display_name == "Grundskola"


@pytest.mark.django_db
def test_loading_the_taxonomy_fills_missing_english_names_but_keeps_an_editors():
    Theme.objects.filter(slug="grundskola").update(name_en="")
    Theme.objects.filter(slug="folkhalsa").update(name_en="Health")
    load_taxonomy(read_taxonomy())
    assert Theme.objects.get(slug="grundskola").name_en == "Compulsory school"
    assert Theme.objects.get(slug="folkhalsa").name_en == "Health"


@pytest.mark.django_db
def test_focus_area_pages_and_breadcrumbs_are_english_on_the_english_site(client):
    html = client.get("/en/teman/grundskola/").content.decode()
    assert "<h1>Compulsory school</h1>" in html
    crumbs = re.search(r'<nav class="breadcrumbs.*?</nav>', html, re.S).group(0)
    assert 'href="/en/"' in crumbs
    assert ">Focus areas</a>" in crumbs
    assert "Compulsory school" in crumbs
    assert "<title>Compulsory school – Kunskapsbanken</title>" in html
    index = client.get("/en/teman/").content.decode()
    assert ">Compulsory school</a>" in index
    home = client.get("/en/").content.decode()
    assert ">Compulsory school</a>" in home
    swedish = client.get("/teman/grundskola/").content.decode()
    assert "<h1>Grundskola</h1>" in swedish


@pytest.mark.django_db
def test_the_home_page_title_is_not_doubled(client):
    title = re.search(r"<title>(.*?)</title>", client.get("/").content.decode()).group(1)
    assert title.count("Kunskapsbanken") == 1
    english = re.search(r"<title>(.*?)</title>", client.get("/en/").content.decode()).group(1)
    assert english.count("Kunskapsbanken") == 1


@pytest.mark.django_db
def test_a_feeds_self_link_keeps_its_query(client):
    xml = client.get("/sok/atom/", {"tema": "grundskola", "status": "ongoing"}).content.decode()
    self_link = re.search(r'<link[^>]*rel="self"[^>]*>', xml).group(0)
    assert "tema=grundskola" in self_link and "status=ongoing" in self_link


@pytest.mark.django_db
def test_cards_and_search_hits_name_focus_areas_in_english(client):
    hits = client.get("/en/sok/", {"tema": "grundskola"}).content.decode()
    meta = re.findall(r'<p class="case-meta">.*?</p>', hits, re.S)
    assert meta and all("Compulsory school" in line for line in meta)
    home = client.get("/en/").content.decode()
    assert '<span class="tag">Compulsory school</span>' in home
    swedish = client.get("/sok/", {"tema": "grundskola"}).content.decode()
    assert "Compulsory school" not in swedish
