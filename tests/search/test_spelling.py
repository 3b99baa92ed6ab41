"""Typo correction: the pure rules, and the search page and API on every engine."""

import re
from http import HTTPStatus

import pytest

from search import spelling
from search.analysis import STOP_WORDS
from search.documents import case_document
from search.forms import request_from_params
from search.service import search_cases
from tests.factories import make_case

# Pure rules


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("nyanlänna", "nyanlända", 1),
        ("språkutvekling", "språkutveckling", 1),
        ("läxhälp", "läxhjälp", 1),
        ("brobigare", "brobyggare", 2),
        ("fritdisgård", "fritidsgård", 1),  # two letters swapped
        ("skola", "skola", 0),
        ("skola", "kultur", 3),  # beyond the limit: limit + 1
    ],
)
def test_distance(a, b, expected):
    assert spelling.distance(a, b, limit=2) == min(expected, 3)


def test_closest_prefers_fewer_edits_then_more_frequent_words():
    counts = {"nyanlända": 40, "nyanländ": 5, "nyanlänt": 50, "nyfiken": 99, "kurt": 1, "kors": 9}
    asked = []

    def frequencies(words):
        asked.extend(words)
        return {word: counts[word] for word in words}

    found = spelling.closest("nyanlänna", list(counts), frequencies)
    assert found == ["nyanlända", "nyanlänt", "nyanländ"]
    assert "nyfiken" not in asked  # frequencies are looked up for close words only
    assert spelling.closest("kort", ["kurt", "kors"], frequencies) == ["kors", "kurt"]


def test_short_words_get_one_edit_long_words_two():
    assert spelling.max_distance("skola") == 1
    assert spelling.max_distance("språkutvekling") == 2


def test_only_unknown_or_rare_long_non_stop_words_are_corrected():
    counts = {"läxhjälp": 12, "språkutvekling": 1}
    words = spelling.words_to_correct(
        "hur läxhjälp nyanlänna språkutvekling 2021 bo",
        lambda ws: {w: counts[w] for w in ws if w in counts},
        STOP_WORDS,
    )
    assert words == {"nyanlänna": 0, "språkutvekling": 1}


def test_a_rare_known_word_is_corrected_only_to_a_much_more_frequent_one():
    counts = {"språkutveckling": 6, "språkutvecklare": 2}

    def frequencies(words):
        return {word: counts.get(word, 0) for word in words}

    candidates = ["språkutveckling", "språkutvecklare"]
    assert spelling.closest("språkutvekling", candidates, frequencies, own=1) == ["språkutveckling"]
    assert spelling.closest("språkutvekling", candidates, frequencies, own=3) == []


def test_corrections_replace_each_unknown_word_and_keep_the_rest_as_typed():
    found = spelling.corrections(
        "Läxhjälp för Nyanlänna", {"nyanlänna": 0}, lambda word: ["nyanlända"]
    )
    assert found[0].text == "Läxhjälp för nyanlända"
    assert found[0].replaced == (("nyanlänna", "nyanlända"),)


def test_too_many_unknown_words_are_another_vocabulary_not_typos():
    unknown = {"abcd": 0, "efgh": 0, "ijkl": 0, "mnop": 0}
    assert spelling.corrections(" ".join(unknown), unknown, lambda w: ["abce"]) == []


def test_a_correction_wins_only_when_it_finds_clearly_more():
    assert spelling.clearly_more(1, 0)
    assert not spelling.clearly_more(0, 0)
    assert spelling.clearly_more(4, 2)
    assert not spelling.clearly_more(3, 2)
    assert not spelling.clearly_more(2, 1)  # fewer than FEW_HITS is not clearly more
    assert spelling.clearly_more(3, 1)


# On every engine, through the search service


def _result(query: str):
    from django.http import QueryDict

    return search_cases(request_from_params(QueryDict(query)))


@pytest.mark.django_db
def test_a_typo_that_finds_nothing_shows_the_correction_results(search_backend):
    literal = _result("q=brobyggare")
    assert literal.total > 0
    corrected = _result("q=brobigare")
    assert corrected.corrected_text == "brobyggare"
    assert corrected.total == literal.total
    assert corrected.suggestion is None
    assert corrected.request.text == "brobigare"  # links keep what was typed


@pytest.mark.django_db
def test_correction_can_be_turned_off(search_backend):
    result = _result("q=brobigare&ratta=nej")
    assert result.corrected_text is None
    assert result.total == 0


@pytest.mark.django_db
def test_a_known_word_is_never_corrected(search_backend):
    result = _result("q=brobyggare")
    assert result.corrected_text is None


@pytest.mark.django_db
def test_a_few_hits_are_replaced_only_by_clearly_more(search_backend, filipstad):
    # "Språkkafe" (one case) is a word of its own, and one edit from "språkkafé"-free text: a
    # correction must find at least three and twice as many to replace it.
    case = make_case(filipstad, title="Språkkafe på biblioteket", summary="Samtal på svenska.")
    search_backend.index([case_document(case)])
    result = _result("q=språkkafe")
    assert result.total >= 1
    assert result.corrected_text is None


@pytest.mark.django_db
def test_the_page_says_what_it_shows_and_links_to_the_literal_text(client, search_backend):
    response = client.get("/sok/?q=brobigare")
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    notice = re.search(r'<p class="search-correction" role="status">(.*?)</p>', html, re.S)
    assert notice, html
    assert "Visar resultat för <strong>brobyggare</strong>." in notice.group(1)
    link = re.search(r'<a href="([^"]*)">Sök i stället efter brobigare</a>', notice.group(1))
    assert link
    literal = client.get("/sok/" + link.group(1).replace("&amp;", "&")).content.decode()
    assert "search-correction" not in literal
    assert re.search(r'class="result-count" role="status">0 insatser', literal)


@pytest.mark.django_db
def test_the_api_returns_the_correction(client, search_backend):
    data = client.get("/api/v1/sok/", {"q": "brobigare"}).json()
    assert data["corrected_from"] == "brobigare"
    assert data["corrected_text"] == "brobyggare"
    assert data["total"] > 0
    assert "ratta=nej" in data["uncorrected_url"]
    plain = client.get("/api/v1/sok/", {"q": "brobyggare"}).json()
    assert plain["corrected_from"] is None and plain["uncorrected_url"] is None
