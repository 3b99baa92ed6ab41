"""Whatever arrives in a search request, every engine answers with a (possibly empty) result."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.request import MAX_PAGE, MAX_PAGE_SIZE, SearchRequest

pytestmark = pytest.mark.django_db

SYNTAX = [
    '"',
    "'",
    "*",
    "?",
    "~",
    "^",
    ":",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "\\",
    "/",
    "-",
    "+",
    "AND",
    "OR",
    "NOT",
    "NEAR(",
    "&&",
    "||",
    "!",
    "%",
    "_",
    "\x00",
    "\u202e",
    "😀",
    "ß",
    "å",
]
wild_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(SYNTAX) | st.text(max_size=8), max_size=40).map(" ".join),
    st.just("a" * 100_000),
)
values = st.lists(st.text(max_size=50) | st.sampled_from(["grundskola", "1782", "21"]), max_size=30)
numbers = st.one_of(st.none(), st.integers(-(10**18), 10**18), st.text(max_size=10))

requests = st.builds(
    SearchRequest,
    text=wild_text,
    themes=values,
    keywords=values,
    municipalities=values,
    counties=values,
    statuses=values,
    target_groups=values,
    evidence_levels=values,
    year_from=numbers,
    year_to=numbers,
    has_indicators=st.one_of(st.none(), st.booleans()),
    sort=st.text(max_size=20) | st.sampled_from(["relevance", "newest", "start_date"]),
    page=numbers,
    page_size=numbers,
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(request=requests)
def test_any_request_gives_a_result_never_an_error(engine, request):
    normalised = request.normalised()
    assert 1 <= normalised.page <= MAX_PAGE
    assert 1 <= normalised.page_size <= MAX_PAGE_SIZE
    result = engine.search(normalised)
    assert result.total >= 0
    assert len(result.hits) <= normalised.page_size


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(prefix=wild_text)
def test_any_autocomplete_prefix_gives_a_list(engine, prefix):
    assert isinstance(engine.autocomplete(prefix[:100]), list)


def test_unknown_filter_values_give_an_empty_result(engine):
    result = engine.search(SearchRequest(themes=("finns-inte",)).normalised())
    assert result.total == 0 and result.hits == []


def test_related_for_an_unknown_case_is_empty(engine):
    assert engine.related(10**9) == []


# Each kind of bad text on every engine: a sensible result, never an exception.


def _ids(engine, text: str) -> set[int]:
    result = engine.search(SearchRequest(text=text, page_size=50).normalised())
    assert result.total == len(result.hits)
    assert isinstance(engine.autocomplete(text[:100]), list)
    return {hit.page_id for hit in result.hits}


def test_a_thousand_character_query_is_cut_and_still_finds(engine):
    plain = _ids(engine, "läxhjälp")
    assert plain
    # The request keeps the first 200 characters (search/request.py).
    assert _ids(engine, ("läxhjälp, " * 100)[:1000]) == plain


def test_only_stop_words_or_only_punctuation_find_nothing(engine):
    for text in ("och i på att det som", "hur kan vi", "!?.,;:–—()[]{}«»…", "- - -"):
        result = engine.search(SearchRequest(text=text).normalised())
        assert result.total == 0 and result.hits == [], text
        assert result.suggestion is None, text


@pytest.mark.parametrize(
    "text",
    [
        '"läxhjälp"',
        "(läxhjälp)",
        "läxhjälp*",
        "^läxhjälp",
        "läxhjälp^",
        "läxhjälp:",
        "läxhjälp AND",
        "läxhjälp OR",
        "NEAR(läxhjälp)",
        "läxhjälp~",
    ],
)
def test_query_syntax_characters_are_not_syntax(engine, text):
    assert _ids(engine, text) == _ids(engine, "läxhjälp")


def test_nul_bytes_and_control_characters(engine):
    assert _ids(engine, "läxhjälp\x00") == _ids(engine, "läxhjälp")
    # Nothing but control characters is no text: the listing of every case.
    assert _ids(engine, "\x00\x01\x7f") == _ids(engine, "")


def test_invalid_utf8_and_lone_surrogates(engine):
    broken = b"\xff\xfe\xc3".decode("utf-8", "surrogateescape")
    assert _ids(engine, broken) == set()
    assert _ids(engine, f"läxhjälp {broken}") == _ids(engine, "läxhjälp")
    assert _ids(engine, "läxhjälp \ud800") == _ids(engine, "läxhjälp")


def test_mixed_scripts(engine):
    assert _ids(engine, "läxhjälp Москва 東京 العربية") == set()
    assert _ids(engine, "Москва") == set()
    assert _ids(engine, "läxhjälp 😀") == _ids(engine, "läxhjälp")
