from http import HTTPStatus

import pytest
from django.utils.html import escape

from cases.models import CaseStudyPage
from tests.factories import make_case

pytestmark = pytest.mark.django_db


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


def test_keyword_page_lists_cases_with_that_keyword(client, filipstad):
    make_case(filipstad, title="Ovanlig insats", keywords=["ovanligt nyckelord"])
    html = client.get("/teman/nyckelord/ovanligt-nyckelord/").content.decode()
    assert "Ovanlig insats" in html
    assert "ovanligt nyckelord" in html


def test_unknown_theme_and_keyword_are_404(client):
    assert client.get("/teman/finns-inte/").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/teman/nyckelord/finns-inte/").status_code == HTTPStatus.NOT_FOUND
