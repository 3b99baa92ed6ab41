"""Highlighting and snippets mark every form the query matched."""

import pytest

from search.analysis import highlight, highlight_terms, parse_query, snippet


def _terms(query):
    return highlight_terms(parse_query(query))


def test_inflections_compound_parts_and_synonyms_are_marked():
    marked = highlight(
        "Frånvaron i skolan minskade; Skolfrånvaro och SFI för föräldrarna.",
        _terms("skolfrånvaro svenska för invandrare föräldrastöd"),
    )
    assert "<mark>Frånvaron</mark>" in marked
    assert "<mark>skolan</mark>" in marked
    assert "<mark>Skolfrånvaro</mark>" in marked
    assert "<mark>SFI</mark>" in marked
    assert "<mark>föräldrarna</mark>" in marked
    assert "minskade" in marked and "<mark>minskade" not in marked


def test_a_query_word_marks_the_compounds_that_contain_it():
    marked = highlight("Ungdomsarbetslösheten steg", _terms("arbetslöshet"))
    assert marked == "<mark>Ungdomsarbetslösheten</mark> steg"


def test_html_is_escaped_and_nothing_matching_gives_none():
    assert highlight('<b>Skolan</b> & "elever"', _terms("skola")) == (
        "&lt;b&gt;<mark>Skolan</mark>&lt;/b&gt; &amp; &quot;elever&quot;"
    )
    assert highlight("Inget här", _terms("skola")) is None
    assert highlight("Skolan", frozenset()) is None


def test_snippet_around_the_first_match_with_single_ellipses():
    body = "Inledning. " * 30 + "Eleverna med hög frånvaro fick stöd. " + "Slut. " * 60
    text = snippet(body, _terms("frånvaro"), length=120)
    assert text.startswith("…") and text.endswith("…")
    assert "<mark>frånvaro</mark>" in text
    assert "……" not in text
    assert len(text) < 200


def test_snippet_never_doubles_an_ellipsis_already_in_the_text():
    body = "… " + "ord " * 60 + "skolan " + "ord " * 60 + "…"
    text = snippet(body, _terms("skola"), length=80)
    assert "……" not in text and "… …" not in text


def test_short_text_has_no_ellipsis():
    assert snippet("Skolan öppnade.", _terms("skola")) == "<mark>Skolan</mark> öppnade."


@pytest.mark.parametrize(
    "text", ["", None, "\x00\ud800", "مدرسة школа 😀 skola", "skola" * 500, "…" * 50]
)
def test_odd_text_never_raises(text):
    snippet(text, _terms("skola"))
    highlight(text, _terms("skola"))
