"""/sok/?liknar=<slug>: cases from a municipality and the ones most like it, on every engine."""

import pytest
from django.test import RequestFactory

from cms.page_cache import cacheable_request
from key_figures import neighbours
from key_figures.models import KeyFigure

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_similar(monkeypatch):
    monkeypatch.setattr(neighbours, "SEARCH_LIMIT", 2)
    own = neighbours.similar_to("1782", 9)
    return [entry["code"] for entry in own["neighbours"]]


def _titles(html: str) -> str:
    return html.split('id="search-results"')[1].split('id="search-filters"')[0]


def test_the_search_keeps_the_municipality_and_its_most_similar(
    client, search_backend, two_similar
):
    page = client.get("/sok/?liknar=filipstad")
    html = page.content.decode()
    assert page.status_code == 200
    results = _titles(html)
    from cases.models import public_cases

    shown = set(
        public_cases()
        .filter(municipality__code__in=["1782", *two_similar[:2]])
        .values_list("title", flat=True)
    )
    hidden = set(
        public_cases().filter(municipality__code=two_similar[-1]).values_list("title", flat=True)
    )
    assert shown and hidden
    assert all(title in results for title in list(shown)[:3])
    assert not any(f">{title}<" in results for title in hidden)
    assert "Kommuner som liknar Filipstad" in html  # the chip
    assert "selected>Filipstad</option>" in html


def test_the_chip_removes_the_narrowing(client, two_similar):
    html = client.get("/sok/?liknar=filipstad&status=ongoing").content.decode()
    chip = html.split("Kommuner som liknar Filipstad")[0].rsplit('href="', 1)[1].split('"')[0]
    assert "liknar" not in chip and "status=ongoing" in chip


def test_an_unknown_municipality_is_ignored_with_a_notice(client):
    html = client.get("/sok/?liknar=atlantis").content.decode()
    assert "“atlantis” matchar inget på webbplatsen" in html
    assert "Kommuner som liknar Atlantis" not in html


def test_a_municipality_without_figures_is_ignored_with_a_notice(client):
    KeyFigure.objects.filter(municipality__code="1782").delete()
    html = client.get("/sok/?liknar=filipstad").content.decode()
    assert "Filipstad har inga nyckeltal ännu" in html


def test_the_narrowed_page_is_cacheable_and_free_text_still_is_not(settings):
    settings.PAGE_CACHE_SECONDS = 600
    factory = RequestFactory()
    assert cacheable_request(factory.get("/sok/?liknar=filipstad&tema=skola"))
    assert not cacheable_request(factory.get("/sok/?liknar=filipstad&q=skola"))


def test_the_filter_form_offers_every_municipality(client):
    html = client.get("/sok/").content.decode()
    select = html.split('name="liknar"')[1].split("</select>")[0]
    assert select.count("<option") == 1 + 290  # "any" and SCB's list
    assert '<option value="filipstad">Filipstad</option>' in select


def test_the_api_narrows_as_the_page_does(client, two_similar):
    from cases.models import public_cases

    narrowed = client.get("/api/v1/sok/?liknar=filipstad").json()
    expected = public_cases().filter(municipality__code__in=["1782", *two_similar[:2]]).count()
    assert narrowed["total"] == expected
    assert narrowed["total"] < client.get("/api/v1/sok/").json()["total"]
    assert narrowed["ignored_filters"] == []
    # The links stand for the same cases: the municipalities it meant, as municipality filters.
    assert "kommun=1782" in narrowed["links"]["self"]


def test_the_api_says_which_narrowing_it_ignored(client):
    KeyFigure.objects.filter(municipality__code="1782").delete()
    for slug in ("atlantis", "filipstad"):
        answer = client.get(f"/api/v1/sok/?liknar={slug}").json()
        assert answer["ignored_filters"] == [
            {"field": "similar_to", "parameter": "liknar", "value": slug}
        ]
        assert answer["total"] == client.get("/api/v1/sok/").json()["total"]
