"""One contract, every engine: the same behaviour on the database engine (SQLite or PostgreSQL,
whichever the suite runs on) and on a real OpenSearch cluster (tests/search/conftest.py).

Each test receives `engine`, an engine holding exactly the demo's live cases.
"""

import pytest

from cases.models import CaseStudyPage
from search.documents import case_document
from search.request import SearchRequest
from tests.search.documents import search_document

pytestmark = pytest.mark.django_db


def _search(engine, **fields):
    return engine.search(SearchRequest(**fields).normalised())


def _ids(result):
    return [hit.page_id for hit in result.hits]


def _fragments(hit) -> str:
    return " ".join(fragment for fragments in hit.highlights.values() for fragment in fragments)


def _live():
    return CaseStudyPage.objects.live()


def test_text_finds_every_case_with_the_word_and_ranks_titles_first(engine):
    result = _search(engine, text="brobyggare", page_size=50)
    with_keyword = set(_live().filter(keywords__name="brobyggare").values_list("pk", flat=True))
    assert with_keyword and with_keyword <= set(_ids(result))
    assert result.hits[0].title.lower().startswith("brobyggare")
    assert result.total == len(result.hits)


def test_swedish_stemming_finds_other_forms_of_the_word(engine):
    base = set(_ids(_search(engine, text="brobyggare", page_size=50)))
    assert set(_ids(_search(engine, text="brobyggarna", page_size=50))) == base
    assert _ids(_search(engine, text="skolorna", page_size=50))


def test_two_words_must_both_match_in_any_fields(engine):
    both = _search(engine, text="brobyggare Hofors", page_size=50)
    assert {hit.municipality for hit in both.hits} == {"Hofors"}
    assert both.hits[0].title == "Brobyggare mellan skola och hem"


def test_filters_return_only_matching_cases(engine):
    result = _search(engine, themes=("grundskola",), statuses=("ongoing",), page_size=50)
    expected = set(
        _live().filter(themes__slug="grundskola", status="ongoing").values_list("pk", flat=True)
    )
    assert set(_ids(result)) == expected
    assert result.total == len(expected)


def test_county_municipality_and_keyword_filters(engine):
    assert {hit.county_code for hit in _search(engine, counties=("21",), page_size=50).hits} == {
        "21"
    }
    filipstad = _search(engine, municipalities=("1782",), page_size=50)
    assert set(_ids(filipstad)) == set(
        _live().filter(municipality__code="1782").values_list("pk", flat=True)
    )
    tagged = _search(engine, keywords=("brobyggare",), page_size=50)
    assert set(_ids(tagged)) == set(
        _live().filter(keywords__slug="brobyggare").values_list("pk", flat=True)
    )


def test_several_values_of_one_filter_mean_any_of_them(engine):
    either = set(_ids(_search(engine, statuses=("planned", "discontinued"), page_size=50)))
    assert either == set(
        _live().filter(status__in=["planned", "discontinued"]).values_list("pk", flat=True)
    )


def test_year_range_keeps_cases_active_in_those_years(engine):
    result = _search(engine, year_from=2024, year_to=2025, page_size=50)
    for hit in result.hits:
        assert hit.start_year is not None and hit.start_year <= 2025
        assert hit.end_year is None or hit.end_year >= 2024
    active = [
        case
        for case in _live()
        if case.start_date
        and case.start_date.year <= 2025
        and (case.end_date is None or case.end_date.year >= 2024)
    ]
    assert result.total == len(active)


def test_has_indicators_filter_means_an_indicator_with_an_outcome(engine):
    with_results = _search(engine, has_indicators=True, page_size=50)
    measured = _live().filter(indicators__outcome__isnull=False).distinct()
    assert 0 < measured.count() < _live().filter(indicators__isnull=False).distinct().count()
    assert with_results.total == measured.count()


def test_facet_counts_match_the_database_and_ignore_their_own_selection(engine):
    result = _search(engine, themes=("grundskola",))
    theme_counts = {value.value: value.count for value in result.facets["themes"]}
    # The theme facet ignores the theme selection itself, so it counts over all cases.
    for slug, count in theme_counts.items():
        assert count == _live().filter(themes__slug=slug).count(), slug
    selected = [value.value for value in result.facets["themes"] if value.selected]
    assert selected == ["grundskola"]
    status_counts = {value.value: value.count for value in result.facets["statuses"]}
    for status, count in status_counts.items():
        expected = _live().filter(themes__slug="grundskola", status=status).count()
        assert count == expected, status
    assert sum(status_counts.values()) == result.total
    county_labels = {value.label for value in result.facets["counties"]}
    assert "Värmlands län" in county_labels or not county_labels


def test_sort_by_newest_and_by_start_date(engine):
    newest = _search(engine, sort="newest", page_size=50)
    expected = list(
        _live().order_by("-first_published_at", "-pk").values_list("pk", flat=True)[:50]
    )
    assert _ids(newest) == expected
    by_start = _search(engine, sort="start_date", page_size=50)
    years = [hit.start_year or 0 for hit in by_start.hits]
    assert years == sorted(years, reverse=True)


def test_pages_are_disjoint_and_a_page_past_the_end_is_empty(engine):
    first = _search(engine, page=1, page_size=10)
    second = _search(engine, page=2, page_size=10)
    assert len(first.hits) == 10 and len(second.hits) == 10
    assert not set(_ids(first)) & set(_ids(second))
    beyond = _search(engine, page=400, page_size=10)
    assert beyond.hits == [] and beyond.total == first.total


def test_highlights_mark_the_words_and_escape_the_text(engine, filipstad):
    hits = _search(engine, text="brobyggare").hits
    assert any("<mark>" in _fragments(hit) for hit in hits)

    from tests.factories import make_case

    evil = make_case(filipstad, title="<script>alert(1)</script> läxhjälp", summary="Läxhjälp.")
    engine.index([case_document(evil)])
    hit = next(
        h for h in _search(engine, text="läxhjälp", page_size=50).hits if h.page_id == evil.pk
    )
    fragments = _fragments(hit)
    assert "<script>" not in fragments
    assert "<mark>" in fragments


def test_did_you_mean_when_nothing_matches(engine):
    result = _search(engine, text="brobigare")
    assert result.total == 0
    assert result.suggestion == "brobyggare"
    assert _search(engine, text="brobyggare").suggestion is None


def test_autocomplete_offers_cases_themes_and_municipalities(engine):
    kinds = {(s.kind, s.label) for s in engine.autocomplete("brob")}
    assert ("case", "Brobyggare i skolan") in kinds
    assert ("theme", "Grundskola") in {(s.kind, s.label) for s in engine.autocomplete("grund")}
    municipalities = {(s.kind, s.label) for s in engine.autocomplete("hallef")}
    assert ("municipality", "Hällefors") in municipalities
    assert all(s.url.startswith("/") for s in engine.autocomplete("brob"))


def test_related_cases_share_the_subject_and_put_other_municipalities_first(engine):
    case = _live().get(title="Brobyggare i skolan")
    related = engine.related(case.pk, limit=5)
    ids = [hit.page_id for hit in related]
    assert case.pk not in ids
    assert _live().get(title="Brobyggare mellan skola och hem").pk in ids
    municipalities = [hit.municipality_code for hit in related]
    first_own = next((i for i, code in enumerate(municipalities) if code == "1782"), len(ids))
    assert all(code == "1782" for code in municipalities[first_own:])


def test_delete_and_reindex(engine):
    case = _live().get(title="Brobyggare i skolan")
    engine.delete([case.pk])
    assert case.pk not in _ids(_search(engine, text="brobyggare", page_size=50))
    assert case.pk not in engine.indexed_versions()
    engine.index([case_document(case)])
    assert case.pk in _ids(_search(engine, text="brobyggare", page_size=50))
    assert engine.indexed_versions()[case.pk] == case_document(case)["version"]


# Ranking: one rule on every engine (search/ranking.py). The documents below are written for
# these tests and indexed beside the demo's cases; their words occur nowhere else.

FIRST_ID = 980_001


def _document(number: int, title: str, summary: str = "", body: str = "", **fields) -> dict:
    return search_document(
        FIRST_ID + number,
        title,
        summary,
        body,
        **{
            "url": f"/kommuner/testby/rankning-{number}/",
            "published_at": f"2020-01-{number:02d}T10:00:00+00:00",
            "version": f"v{number}",
            **fields,
        },
    )


RANKING_DOCUMENTS = [
    _document(1, "Kanotpaddling för nyanlända", body="Vi paddlar varje torsdag i Klarälven."),
    _document(2, "Sommarlov i Testby", body="Kanotpaddling ingick i sommarens program."),
    _document(
        3,
        "Ökad närvaro i grundskolan",
        "Insatser mot problematisk skolfrånvaro bland elever.",
    ),
    _document(4, "Tidiga insatser", body="Frånvaron från skolan minskade under året."),
    _document(5, "Språkstöd för vuxna", "Kurser i svenska för invandrare på kvällstid."),
    _document(6, "Sfi med praktik", "Deltagarna läser sfi och gör praktik."),
    _document(7, "Schackklubb och bågskytte", "Orienteringslopp varje vår."),
    _document(8, "Bågskytte på fritidsgården"),
    _document(9, "Klättervägg och pingis", "Seniorer lär sig klättra."),
    _document(10, "Pingis för seniorer", "En klättervägg finns i hallen."),
]


@pytest.fixture
def ranked(engine):
    engine.index(RANKING_DOCUMENTS)
    return engine


def _numbers(result) -> list[int]:
    return [hit.page_id - FIRST_ID for hit in result.hits if hit.page_id >= FIRST_ID]


def test_words_match_across_fields(ranked):
    # "kanotpaddling" in the title, "klarälven" in the body.
    assert _numbers(_search(ranked, text="kanotpaddling Klarälven")) == [1]


def test_a_title_match_ranks_above_a_body_match(ranked):
    assert _numbers(_search(ranked, text="kanotpaddling")) == [1, 2]


def test_a_long_query_lists_cases_matching_enough_of_its_words(ranked):
    # Six words: a case must match three. Case 7 matches three, case 8 only one.
    query = "schackklubb bågskytte orienteringslopp kanotpaddling klättervägg pingis"
    numbers = _numbers(_search(ranked, text=query, page_size=50))
    assert 7 in numbers and 8 not in numbers
    # Two words: both must match.
    assert _numbers(_search(ranked, text="bågskytte schackklubb")) == [7]


def test_a_compound_finds_its_parts_and_the_parts_find_the_compound(ranked):
    assert {3, 4} <= set(_numbers(_search(ranked, text="skolfrånvaro", page_size=50)))
    assert 3 in _numbers(_search(ranked, text="frånvaro i skolan", page_size=50))


def test_synonyms_and_acronyms_find_each_other(ranked):
    assert {5, 6} <= set(_numbers(_search(ranked, text="sfi", page_size=50)))
    assert {5, 6} <= set(_numbers(_search(ranked, text="svenska för invandrare", page_size=50)))


def test_words_near_each_other_rank_first(ranked):
    # Both cases hold both words in title and summary; case 10 has them side by side.
    assert _numbers(_search(ranked, text="pingis seniorer"))[0] == 10
    assert _numbers(_search(ranked, text="klättervägg pingis"))[0] == 9


def test_highlights_mark_compound_parts_and_synonyms(ranked):
    hit = next(h for h in _search(ranked, text="skolfrånvaro").hits if h.page_id == FIRST_ID + 4)
    assert "<mark>" in _fragments(hit)
    hit = next(h for h in _search(ranked, text="sfi").hits if h.page_id == FIRST_ID + 5)
    assert "<mark>" in _fragments(hit)
