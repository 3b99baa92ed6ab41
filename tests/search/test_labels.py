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
