"""The database engine beyond the shared contract: Swedish text handling, hostile input, upserts
and facet details. Runs on whichever database the suite runs on (SQLite or PostgreSQL)."""

import pytest

from cases.choices import Status
from search.engines.database import DatabaseEngine
from search.models import CaseSearchEntry, CaseSearchTag
from search.request import SearchRequest

pytestmark = pytest.mark.django_db

FIRST_ID = 990_001


def _document(number: int, **overrides) -> dict:
    document = {
        "id": FIRST_ID + number,
        "title": f"Insats {number}",
        "summary": "En kort sammanfattning.",
        "body": "Bakgrund och genomförande.",
        "lessons": "",
        "url": f"/kommuner/test/insats-{number}/",
        "themes": ["Grundskola"],
        "theme_slugs": ["grundskola"],
        "keywords": [],
        "keyword_slugs": [],
        "target_groups": [],
        "target_group_slugs": [],
        "municipality": "Filipstad",
        "municipality_code": "1782",
        "county": "Värmlands län",
        "county_code": "17",
        "status": "ongoing",
        "evidence_level": "promising",
        "start_date": "2022-01-10",
        "end_date": None,
        "start_year": 2022,
        "end_year": None,
        "has_indicators": False,
        "published_at": f"2024-01-{number:02d}T10:00:00+00:00",
        "version": f"v{number}",
    }
    document.update(overrides)
    return document


@pytest.fixture
def engine():
    engine = DatabaseEngine()
    engine.clear()
    engine.index(
        [
            _document(
                1,
                title="Läxhjälp på biblioteket",
                summary="Studenter ger <b>läxhjälp</b> & stöd till elever i Hofors.",
                body="Biblioteket öppnade kvällstid. " * 40 + "Brobyggarna hjälpte till.",
                keywords=["läxhjälp"],
                keyword_slugs=["laxhjalp"],
                municipality="Hofors",
                municipality_code="2104",
                county="Gävleborgs län",
                county_code="21",
                has_indicators=True,
            ),
            _document(
                2,
                title="Brobyggare i förskolan",
                summary="Brobyggare stöttar familjer.",
                themes=["Grundskola", "Integration av nyanlända"],
                theme_slugs=["grundskola", "integration-nyanlanda"],
                status="completed",
                start_year=2019,
                start_date="2019-08-15",
                end_year=2021,
                end_date="2021-06-30",
            ),
            _document(3, title="Mötesplats i centrum", body="Läxhjälp på fredagar i Hofors."),
        ]
    )
    yield engine
    engine.clear()


def _search(engine, **fields):
    return engine.search(SearchRequest(**fields).normalised())


def _ids(result) -> list[int]:
    return [hit.page_id - FIRST_ID for hit in result.hits]


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"läxhjälp',
        "*",
        "läx*",
        "AND",
        "läxhjälp AND",
        "OR NOT",
        "NEAR(",
        "NEAR(läxhjälp hofors, 2)",
        "-",
        "läxhjälp -hofors",
        "title:läxhjälp",
        "{title summary}: läxhjälp",
        "^läxhjälp",
        "läxhjälp'; DROP TABLE case_search_fts; --",
        "%_\\",
        "(((",
        "läxhjälp:*",
        "!läxhjälp & hofors | x <-> y",
        "🙂 ‮ \u0301 \ufeff",
        "ﬁ ǅ İ ß",
        "x" * 200,
        "läxhjälp " * 40,
    ],
)
def test_odd_user_input_never_raises(engine, query):
    result = _search(engine, text=query)
    assert result.total == len(result.hits)
    engine.autocomplete(query)


def test_quotes_and_operators_are_plain_words(engine):
    assert set(_ids(_search(engine, text='"läxhjälp"'))) == {1, 3}
    # Operators in capitals are syntax, not words: "läxhjälp AND" is "läxhjälp".
    assert set(_ids(_search(engine, text="läxhjälp AND"))) == {1, 3}


def test_stop_words_alone_find_nothing(engine):
    result = _search(engine, text="och i på")
    assert result.total == 0 and result.suggestion is None


def test_words_match_across_fields(engine):
    # Case 1: both in the description (title; municipality). Case 3: both in the body.
    assert set(_ids(_search(engine, text="läxhjälp Hofors"))) == {1, 3}
    # Case 1 has "brobyggarna" in its body only, and "Hofors" in its description only.
    assert _ids(_search(engine, text="brobyggare Hofors")) == [1]


def test_title_matches_rank_first(engine):
    assert _ids(_search(engine, text="läxhjälp"))[0] == 1


def test_highlights_cover_title_summary_and_body(engine):
    hit = _search(engine, text="läxhjälp").hits[0]
    assert hit.highlights["title"] == ["<mark>Läxhjälp</mark> på biblioteket"]
    assert "&lt;b&gt;<mark>läxhjälp</mark>&lt;/b&gt; &amp;" in hit.highlights["summary"][0]
    assert "body" not in hit.highlights  # the body of case 1 does not say läxhjälp
    body_only = next(
        h for h in _search(engine, text="brobyggarna").hits if h.page_id == FIRST_ID + 1
    )
    assert "<mark>Brobyggarna</mark>" in body_only.highlights["body"][0]


def test_did_you_mean_keeps_the_other_words_and_respects_filters(engine):
    assert _search(engine, text="läxhjälpp på biblioteket").suggestion == (
        "läxhjälp på biblioteket"
    )
    assert _search(engine, text="läxhjälpp", statuses=("planned",)).suggestion is None


def test_index_replaces_a_document_and_its_tags(engine):
    engine.index([_document(2, title="Språkcafé", keywords=["fika"], keyword_slugs=["fika"])])
    assert CaseSearchEntry.objects.filter(page_id=FIRST_ID + 2).count() == 1
    assert _ids(_search(engine, text="språkcafé")) == [2]
    assert _ids(_search(engine, text="förskolan")) == []
    tags = set(CaseSearchTag.objects.filter(entry_id=FIRST_ID + 2).values_list("kind", "slug"))
    assert tags == {("themes", "grundskola"), ("keywords", "fika")}
    assert engine.indexed_versions()[FIRST_ID + 2] == "v2"


def test_delete_ignores_unknown_ids_and_clear_empties(engine):
    engine.delete([FIRST_ID + 3, 123_456_789])
    assert set(engine.indexed_versions()) == {FIRST_ID + 1, FIRST_ID + 2}
    engine.clear()
    assert engine.indexed_versions() == {}
    assert _search(engine, text="läxhjälp").total == 0


def test_nul_characters_and_huge_bodies_are_indexed(engine):
    engine.index([_document(4, title="Nul\x00insats", body="ord " * 150_000 + "slutord")])
    assert _ids(_search(engine, text="nulinsats")) == [4]


def test_year_range_and_has_indicators(engine):
    assert set(_ids(_search(engine, year_from=2020, year_to=2020))) == {2}
    assert set(_ids(_search(engine, year_from=2022))) == {1, 3}
    assert _ids(_search(engine, has_indicators=True)) == [1]


def test_facets_show_selected_values_without_cases_and_sort_by_count(engine):
    statuses = {
        value.value: value for value in _search(engine, statuses=("planned",)).facets["statuses"]
    }
    assert statuses["planned"].count == 0 and statuses["planned"].selected
    assert statuses["planned"].label == str(Status.PLANNED.label)
    assert statuses["ongoing"].count == 2 and not statuses["ongoing"].selected

    result = _search(engine, has_indicators=False)
    themes = result.facets["themes"]
    assert [(value.value, value.count) for value in themes] == [
        ("grundskola", 2),
        ("integration-nyanlanda", 1),
    ]
    indicators = {value.value: value for value in result.facets["has_indicators"]}
    assert indicators["false"].selected and indicators["false"].count == 2
    assert indicators["true"].count == 1 and not indicators["true"].selected

    years = _search(engine, year_to=2020).facets["start_years"]
    assert [(value.value, value.count, value.selected) for value in years] == [
        ("2022", 2, False),
        ("2019", 1, True),
    ]


def test_autocomplete_is_accent_insensitive_and_ignores_punctuation(engine):
    labels = {(s.kind, s.label) for s in engine.autocomplete("LAXH")}
    assert ("case", "Läxhjälp på biblioteket") in labels
    assert ("case", "Mötesplats i centrum") in {
        (s.kind, s.label) for s in engine.autocomplete("cent")
    }
    assert engine.autocomplete("%") == []
    assert engine.autocomplete("") == []
    assert len(engine.autocomplete("i", limit=3)) <= 3


def test_related_of_an_unknown_case_is_empty(engine):
    assert engine.related(123_456_789) == []
    related = engine.related(FIRST_ID + 1)
    assert FIRST_ID + 1 not in [hit.page_id for hit in related]
