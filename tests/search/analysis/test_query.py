"""parse_query: terms, alternatives, synonyms, phrases and the minimum-match rule."""

import pytest

from search.analysis import ParsedQuery, QueryTerm, index_terms, parse_query, stem
from search.analysis.synonyms import SynonymSet


def _words(parsed):
    return [term.word for term in parsed.terms]


def test_question_and_stop_words_do_not_count():
    parsed = parse_query("Hur får vi hemmasittare tillbaka till skolan?")
    assert _words(parsed) == ["hemmasittare", "tillbaka", "skolan"]
    assert parsed.text == "hur får vi hemmasittare tillbaka till skolan?"


def test_first_alternative_is_the_words_own_stem():
    (term,) = parse_query("Skolan").terms
    assert term.alternatives[0] == (stem("skolan"),) == (stem("skola"),)
    assert term.weights[0] == 1.0


def test_compound_query_word_also_matches_its_parts():
    (term,) = parse_query("skolfrånvaro").terms
    assert (stem("skola"), stem("frånvaro")) in term.alternatives
    assert all(weight < 1.0 for weight in term.weights[1:])


def test_acronym_expands_to_its_phrase_and_back():
    (sfi,) = parse_query("SFI").terms
    assert (stem("svenska"), stem("invandrare")) in sfi.alternatives
    (phrase,) = parse_query("svenska för invandrare").terms
    assert phrase.alternatives[0] == (stem("svenska"), stem("invandrare"))
    assert ("sfi",) in phrase.alternatives


def test_custom_synonym_set_is_used():
    synonyms = SynonymSet([["kulturtolk", "brobyggare"]])
    (term,) = parse_query("kulturtolkar", synonyms).terms
    assert (stem("brobyggare"),) in term.alternatives


def test_duplicates_are_merged():
    assert _words(parse_query("skola skolan skolor")) == ["skola"]


def test_quoted_phrase_is_kept_as_stems():
    parsed = parse_query('"frånvaro i skolan" föräldrastöd')
    assert parsed.phrases == ((stem("frånvaro"), stem("skolan")),)
    assert _words(parsed) == ["frånvaro", "skolan", "föräldrastöd"]


@pytest.mark.parametrize(
    ("count", "needed"), [(0, 0), (1, 1), (2, 2), (3, 2), (4, 3), (5, 3), (6, 3), (10, 5)]
)
def test_minimum_match(count, needed):
    terms = tuple(QueryTerm(f"w{i}", ((f"w{i}",),), (1.0,)) for i in range(count))
    assert ParsedQuery(terms, (), "").minimum_match() == needed


@pytest.mark.parametrize(
    "text",
    [
        "a" * 1000,
        ("ungdomsarbetslöshet och skolfrånvaro " * 40)[:1000],
        "och det att i en som på",
        "!!! ??? ... --- ***",
        'AND OR NEAR NOT * " ( ) ^ : ~ [ ] { } \\ /',
        'skola AND (frånvaro OR "hemma") NEAR/3 sitt* ^2 title:elev',
        "skol\x00frånvaro\x00",
        "skol\ud800frånvaro \udcff",
        "مدرسة школа 学校 😀 skola",
        "",
        None,
        "\u200b\ufeff\u202e",
    ],
)
def test_bad_input_never_raises(text):
    parsed = parse_query(text)
    assert len(parsed.terms) <= 32
    assert 0 <= parsed.minimum_match() <= len(parsed.terms)
    for term in parsed.terms:
        assert len(term.alternatives) == len(term.weights)
        assert all(all(part for part in alternative) for alternative in term.alternatives)


def test_operators_in_capitals_are_syntax_not_words():
    assert _words(parse_query("skola AND frånvaro OR NEAR elev")) == ["skola", "frånvaro", "elev"]


def test_only_stop_words_give_no_terms():
    parsed = parse_query("hur kan vi göra det?")
    assert parsed.terms == ()
    assert parsed.minimum_match() == 0


def test_mixed_scripts_keep_their_words():
    assert _words(parse_query("школа skola 😀")) == ["школа", "skola"]


def _matches(query, document):
    """Whether every term of the query has an alternative wholly among the document's terms:
    the matching rule the engines apply, here without fields and ranking."""
    present = {term for _position, term in index_terms(document)}
    return all(
        any(set(alternative) <= present for alternative in term.alternatives)
        for term in parse_query(query).terms
    )


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("skolfrånvaro", "Frånvaron i skolan minskade."),
        ("frånvaro i skolan", "Arbetet mot skolfrånvaron."),
        ("ungdomsarbetslöshet", "Arbetslösa ungdomar fick jobb."),
        ("arbetslösa ungdomar", "Ungdomsarbetslösheten sjönk."),
        ("ungdomsarbetslöshet", "Industrispår för unga arbetslösa."),
        ("sfi", "Kurser i svenska för invandrare."),
        ("svenska för invandrare", "Sfi på kvällstid."),
        ("hemmasittare", "Elever med problematisk skolfrånvaro."),
        ("NEET", "Unga som varken arbetar eller studerar."),
        ("föräldrastöd", "Stöd till föräldrarna."),
        ("stöd till föräldrar", "Föräldrastödet växer."),
        ("integrationssamordnare", "Kommunens samordnare för integration."),
        ("hur får vi hemmasittare tillbaka till skolan?", "Hemmasittare tillbaka till skolan."),
        ("insatser för nyanlända", "En insats för nyanlänt barn."),
        ("länder", "Elever från många länder och från landet."),
    ],
)
def test_issue_queries_find_their_documents_through_the_analysis(query, document):
    assert _matches(query, document)


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("kommun", "Kom till munnen."),
        ("arbete", "Arbetslösheten steg."),
        ("skola", "Skolk är vanligt."),
    ],
)
def test_unrelated_documents_do_not_match(query, document):
    assert not _matches(query, document)


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("hur kan vi minska ungdomsarbetslösheten i en liten kommun", ["ungdomsarbetslösheten"]),
        (
            "vad gör andra kommuner för att nyanlända kvinnor ska få jobb?",
            ["nyanlända", "kvinnor", "jobb"],
        ),
        ("insatser för elever som inte kommer till skolan", ["insatser", "elever", "skolan"]),
        ("hur kan vi minska?", ["minska"]),  # nothing else left: the filler is searched
    ],
)
def test_a_questions_filler_does_not_count(question, words):
    assert _words(parse_query(question)) == words


def test_the_same_words_count_outside_a_question():
    assert _words(parse_query("liten kommun")) == ["liten", "kommun"]
    assert _words(parse_query("minska matsvinn")) == ["minska", "matsvinn"]


def test_a_compound_with_a_generic_last_part_also_matches_its_first_part():
    (term,) = parse_query("brobyggarverksamhet").terms
    assert (stem("brobyggare"),) in term.alternatives
    assert term.weights[term.alternatives.index((stem("brobyggare"),))] < 0.8
