"""Facets and chips name focus areas and target groups in the visitor's language."""

import pytest

pytestmark = pytest.mark.django_db


def test_facets_and_chips_are_english_on_the_english_site(client):
    english = client.get("/en/sok/?tema=grundskola").content.decode()
    assert "Focus area: Compulsory school" in english
    assert "Adult education" in english  # an unselected focus area in the facet list
    assert "Preventive work for children and young people" in english


def test_target_groups_are_english_on_the_english_site(client):
    english = client.get("/en/sok/").content.decode()
    assert "Children aged 0–12" in english
    assert "Barn 0–12 år" not in english


def test_the_swedish_site_keeps_the_swedish_names(client):
    swedish = client.get("/sok/?tema=grundskola").content.decode()
    assert "Fokusområde: Grundskola" in swedish
    assert "Compulsory school" not in swedish


def test_keywords_are_english_on_the_english_site_once_an_editor_names_them(client):
    from themes.models import Keyword

    keyword = Keyword.objects.filter(tagged_cases__isnull=False).order_by("name").first()
    keyword.name_en = "Bridge building in English"
    keyword.save()  # re-indexes its cases: the label comes from the search documents
    english = client.get(f"/en/sok/?nyckelord={keyword.slug}").content.decode()
    assert "Bridge building in English" in english
    swedish = client.get(f"/sok/?nyckelord={keyword.slug}").content.decode()
    assert keyword.name in swedish and "Bridge building in English" not in swedish


def test_suggestions_name_focus_areas_in_english_on_the_english_site(client):
    from themes.models import Theme

    theme = Theme.objects.get(slug="grundskola")
    english = client.get("/en/sok/forslag/", {"q": theme.name[:5]}).json()["suggestions"]
    found = next(s for s in english if s["kind"] == "theme" and s["label"] == theme.name_en)
    assert found["url"].startswith("/en/") and found["url"].endswith("/grundskola/")
    swedish = client.get("/sok/forslag/", {"q": theme.name[:5]}).json()["suggestions"]
    assert theme.name in [s["label"] for s in swedish]
