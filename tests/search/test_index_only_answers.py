"""Engines answer a query from the search index alone (issue #18 item 5): facet labels, chosen
filters and suggestions come from the indexed documents, in Swedish and English, on every engine
(tests/search/conftest.py); renaming a focus area, keyword or municipality re-indexes its cases, so
labels never go stale; a filter value that names nothing is ignored, and said so."""

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from cases.models import CaseStudyPage, Municipality, MunicipalityPage
from search import outbox
from search.documents import case_document, live_cases
from search.engine_sync import apply_to
from search.forms import FILTER_PARAMETERS
from search.labels import in_visitor_language, suggestions_in_visitor_language
from search.presentation import chips, facets
from search.request import SearchRequest
from themes.models import Keyword, Theme, ThemeIndexPage

pytestmark = pytest.mark.django_db

# Apps whose tables an engine must not read while answering: pages and the taxonomy.
PAGE_AND_TAXONOMY_APPS = ("cases", "themes", "wagtailcore", "taggit")


def _page_and_taxonomy_tables() -> set[str]:
    return {
        model._meta.db_table
        for label in PAGE_AND_TAXONOMY_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }


def _tables_read(queries) -> set[str]:
    tables = _page_and_taxonomy_tables()
    return {table for query in queries for table in tables if f'"{table}"' in query["sql"]}


def _theme_missing_from(code: str) -> Theme:
    """A focus area some live case has, but no live case of the municipality `code`."""
    own = set(live_cases().filter(municipality__code=code).values_list("themes__pk", flat=True))
    used = live_cases().exclude(themes=None).values_list("themes__pk", flat=True)
    return Theme.objects.filter(pk__in=set(used) - own).order_by("name").first()


def _by_value(result, field):
    return {value.value: value for value in result.facets[field]}


def test_facets_chips_and_suggestions_read_no_page_or_taxonomy_table(engine):
    municipality = Municipality.objects.get(code="1782")
    present = live_cases().filter(municipality=municipality).exclude(themes=None).first()
    theme = present.themes.order_by("name").first()
    absent = _theme_missing_from(municipality.code)
    assert absent is not None
    theme_index = ThemeIndexPage.objects.live().first()
    municipality_page = MunicipalityPage.objects.get(municipality=municipality)
    request = SearchRequest(
        municipalities=(municipality.code,),
        themes=(theme.slug, absent.slug),
        counties=(municipality.county_code,),
        page_size=50,
    ).normalised()

    with CaptureQueriesContext(connection) as queries:
        result = engine.search(request)
        shown = facets(request, result)
        chip_labels = [chip.label for chip in chips(request, result)]
        with translation.override("en"):
            english = in_visitor_language(result)
        theme_suggestions = engine.autocomplete(absent.name[:4])
        municipality_suggestions = engine.autocomplete(municipality.name[:5])
        with translation.override("en"):
            english_suggestions = suggestions_in_visitor_language(theme_suggestions)

    assert _tables_read(queries.captured_queries) == set()
    assert result.total and {hit.municipality for hit in result.hits} == {municipality.name}
    themes = _by_value(result, "themes")
    # The chosen focus area no case here has is still shown, with 0, under its name.
    assert (themes[absent.slug].label, themes[absent.slug].count) == (absent.name, 0)
    assert themes[theme.slug].label == theme.name and themes[theme.slug].count
    assert _by_value(result, "counties")[municipality.county_code].label == (
        municipality.county_name
    )
    assert any(absent.name in label for label in chip_labels)
    assert any(municipality.name in label for label in chip_labels)
    assert any(facet.field == "themes" for facet in shown)
    english_themes = _by_value(english, "themes")
    assert english_themes[absent.slug].label == (absent.name_en or absent.name)
    assert english_themes[theme.slug].label == (theme.name_en or theme.name)
    # Suggestions link to the pages the documents name.
    assert ("theme", absent.name, theme_index.theme_url(absent)) in {
        (s.kind, s.label, s.url) for s in theme_suggestions
    }
    assert ("theme", absent.name_en or absent.name) in {
        (s.kind, s.label) for s in english_suggestions
    }
    assert ("municipality", municipality.name, municipality_page.url) in {
        (s.kind, s.label, s.url) for s in municipality_suggestions
    }


def test_documents_carry_english_labels_and_every_address(filipstad):
    case = live_cases().exclude(themes=None).exclude(keywords=None).first()
    document = case_document(case)
    theme_index = ThemeIndexPage.objects.live().first()
    themes = list(case.themes.all())
    assert document["themes_en"] == [t.name_en or t.name for t in themes]
    assert document["theme_urls"] == [theme_index.theme_url(t) for t in themes]
    keywords = sorted(case.keywords.all(), key=lambda k: k.name)
    assert document["keywords_en"] == [k.name_en or k.name for k in keywords]
    assert document["municipality_url"] == case.get_parent().url
    assert document["url"] == case.url


def _sync(engine) -> None:
    """What the worker does after the commit (which a test never makes): bring the cluster in
    step with the cases the change marked. The database engine already is, synchronously."""
    taken = outbox.take(10_000)
    apply_to(engine, [page_id for page_id, _token in taken])
    outbox.clear(taken)


def test_renaming_a_focus_area_keyword_or_municipality_renames_it_in_answers(search_backend):
    engine = search_backend
    keyword = Keyword.objects.filter(tagged_cases__isnull=False).order_by("name").first()
    case = live_cases().filter(keywords=keyword).exclude(themes=None).first()
    theme = case.themes.order_by("name").first()
    municipality = case.municipality
    before = case_document(case)["version"]

    theme.name, theme.name_en = "Rörelseglädje", "Joy of movement"
    theme.save()
    keyword.name, keyword.name_en = "Zebralagning", "Zebra mending"
    keyword.save()
    municipality.name = "Zetastad"
    municipality.save()
    _sync(engine)

    renamed = CaseStudyPage.objects.get(pk=case.pk)
    assert case_document(renamed)["version"] != before
    request = SearchRequest(themes=(theme.slug,), municipalities=(municipality.code,), page_size=50)
    result = engine.search(request.normalised())
    assert case.pk in {hit.page_id for hit in result.hits}
    hit = next(hit for hit in result.hits if hit.page_id == case.pk)
    assert "Rörelseglädje" in hit.themes and hit.municipality == "Zetastad"
    assert _by_value(result, "themes")[theme.slug].label == "Rörelseglädje"
    assert _by_value(result, "keywords")[keyword.slug].label == "Zebralagning"
    assert _by_value(result, "municipalities")[municipality.code].label == "Zetastad"
    with translation.override("en"):
        english = in_visitor_language(result)
    assert _by_value(english, "themes")[theme.slug].label == "Joy of movement"
    assert _by_value(english, "keywords")[keyword.slug].label == "Zebra mending"
    labels = {(s.kind, s.label) for s in engine.autocomplete("zetast")}
    assert ("municipality", "Zetastad") in labels
    assert ("theme", "Rörelseglädje") in {(s.kind, s.label) for s in engine.autocomplete("rörel")}


UNKNOWN = "nope-" + "x" * 3


@pytest.mark.parametrize("parameter", list(FILTER_PARAMETERS))
def test_the_api_ignores_a_filter_value_that_names_nothing_and_says_so(
    client, search_backend, parameter
):
    everything = client.get("/api/v1/sok/").json()
    answer = client.get("/api/v1/sok/", {parameter: UNKNOWN})
    assert answer.status_code == 200
    data = answer.json()
    assert data["total"] == everything["total"] > 0
    assert data["ignored_filters"] == [
        {"field": FILTER_PARAMETERS[parameter], "parameter": parameter, "value": UNKNOWN}
    ]
    assert not any(value["selected"] for value in data["facets"][FILTER_PARAMETERS[parameter]])
    assert everything["ignored_filters"] == []


@pytest.mark.parametrize("parameter", list(FILTER_PARAMETERS))
def test_the_page_drops_a_filter_value_that_names_nothing_with_a_notice(
    client, search_backend, parameter
):
    page = client.get("/sok/", {parameter: UNKNOWN})
    assert page.status_code == 200
    text = page.content.decode()
    assert f"“{UNKNOWN}”" in text
    assert page.context["search"].filter_values(FILTER_PARAMETERS[parameter]) == ()
    assert page.context["result"].total == client.get("/sok/").context["result"].total


def test_a_new_slug_for_the_focus_area_index_page_moves_the_suggestions_links(client):
    index = ThemeIndexPage.objects.live().first()
    index.slug = "fokusomraden-nya"
    index.save_revision().publish()
    theme = Theme.objects.get(slug="grundskola")
    suggestions = client.get("/sok/forslag/", {"q": theme.name[:5]}).json()["suggestions"]
    link = next(s["url"] for s in suggestions if s["kind"] == "theme" and s["label"] == theme.name)
    assert link == ThemeIndexPage.objects.get(pk=index.pk).theme_url(theme)
    assert "/fokusomraden-nya/" in link
    assert client.get(link).status_code == 200
