"""The breadcrumbs (cms/templatetags/breadcrumbs.py): a page's ancestors as links, kept per content
version – a renamed or moved ancestor shows at the next request."""

from __future__ import annotations

import re

import pytest

from cases.models import CaseStudyPage, MunicipalityPage

pytestmark = pytest.mark.django_db


def _crumbs(client, path: str) -> str:
    html = client.get(path).content.decode()
    return re.search(r'<nav class="breadcrumbs wrap".*?</nav>', html, re.S).group(0)


def _case_in_filipstad() -> CaseStudyPage:
    return CaseStudyPage.objects.live().filter(municipality__code="1782").first()


def test_a_case_page_links_its_municipality_and_the_municipalities(client):
    case = _case_in_filipstad()
    crumbs = _crumbs(client, case.url)
    assert '<li><a href="/kommuner/">Kommuner</a></li>' in crumbs
    assert '<li><a href="/kommuner/filipstad/">Filipstad</a></li>' in crumbs
    assert f'<li aria-current="page">{case.title}</li>' in crumbs
    english = _crumbs(client, f"/en{case.url}")
    assert '<li><a href="/en/kommuner/">Municipalities</a></li>' in english


def test_a_renamed_ancestor_shows_at_the_next_request(client):
    case = _case_in_filipstad()
    assert ">Filipstad</a>" in _crumbs(client, case.url)
    municipality = MunicipalityPage.objects.get(slug="filipstad")
    municipality.title = "Filipstads kommun"
    municipality.save_revision().publish()
    crumbs = _crumbs(client, case.url)
    assert '<a href="/kommuner/filipstad/">Filipstads kommun</a>' in crumbs
