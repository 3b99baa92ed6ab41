"""Compound splitting against the dictionary built from hunspell-sv and wordfreq."""

import pytest

from search.analysis import index_terms, stem, word_terms
from search.analysis.compounds import split


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("skolfrånvaro", ("skola", "frånvaro")),
        ("skolfrånvaron", ("skola", "frånvaro")),
        ("ungdomsarbetslöshet", ("ungdom", "arbetslöshet")),  # linking -s-
        ("ungdomsarbetslösheten", ("ungdom", "arbetslöshet")),
        ("språkutveckling", ("språk", "utveckling")),
        ("språkutvecklingen", ("språk", "utveckling")),
        ("föräldrastöd", ("förälder", "stöd")),  # combining form föräldra-
        ("föräldrastödet", ("förälder", "stöd")),
        ("arbetsmarknad", ("arbete", "marknad")),
        ("arbetsmarknadsenheten", ("arbetsmarknad", "enhet")),  # longest parts first
        ("kvinnojourer", ("kvinna", "jour")),  # a -> o
        ("elevhälsan", ("elev", "hälsa")),
        ("socialtjänsten", ("social", "tjänst")),
        ("vuxenutbildning", ("vuxen", "utbildning")),
        ("medborgardialog", ("medborgare", "dialog")),
        ("sommarlovsprogrammet", ("sommarlov", "program")),  # doubled consonant
        ("fritidsgårdarna", ("fritid", "gård")),
        ("kompetensutvecklingsbudget", ("kompetens", "utveckling", "budget")),
        ("kommundelar", ("kommun", "del")),  # not delare
        ("ungdomsråd", ("ungdom", "råd")),  # a common three-letter last part
        ("stadsdelen", ("stad", "del")),
    ],
)
def test_compounds_split_into_their_parts(word, parts):
    assert split(word) == parts


@pytest.mark.parametrize(
    "word",
    [
        "kommun",  # kom + mun
        "ungdom",  # ung + dom
        "integration",
        "arbete",
        "samverkan",
        "brobyggare",  # bro + byggare: parts of three letters split no known word
        "hemmasittare",  # hemma + sittare: no such tail
        "kombination",  # kombi + nation: parts much rarer than the word
        "undervisning",  # under + visning: particles begin no compound
        "frånvaro",
        "förskolan",
        "utveckling",
        "programmet",  # program + meta: an inflected word is no compound
        "kristian",  # kris + tia: a rare three-letter last part
        "barbara",  # bar + bar
        "motsatsen",  # mot- is a particle
        "trygghet",  # -het ends derived words
        "storlek",
        "drömmen",  # dröm + men: an inflection, not a part
        "kontrollera",  # -era, -ing, -het, -ist are endings, not words
        "flyktingar",
        "myndigheter",
        "värderingar",
        "kommunister",
        "skrivande",
        "handledare",  # lexicalised (data/never_split.txt)
        "hällefors",  # place names stay whole
        "ljusnarsberg",
        "nyanlända",
    ],
)
def test_non_compounds_stay_whole(word):
    assert split(word) == ()


def test_compound_and_its_parts_share_stems_both_ways():
    compound = set(word_terms("skolfrånvaron"))
    assert {stem("skolan"), stem("frånvaro")} <= compound
    assert {stem("föräldrar")} <= set(word_terms("föräldrastöd"))
    assert {stem("ungdomar"), stem("arbetslöshet")} <= set(word_terms("ungdomsarbetslöshet"))


def test_index_terms_put_parts_at_the_position_of_the_whole_word():
    terms = index_terms("Skolfrånvaron minskade i Hällefors")
    assert terms[0] == (0, stem("skolfrånvaron"))
    assert (0, stem("skola")) in terms and (0, stem("frånvaro")) in terms
    assert (1, stem("minskade")) in terms
    assert (2, stem("hällefors")) in terms  # "i" is a stop word and takes no position


def test_nested_compounds_give_every_part():
    terms = set(word_terms("arbetsmarknadsenheten"))
    assert {stem("arbetsmarknad"), stem("enhet"), stem("arbete"), stem("marknad")} <= terms


@pytest.mark.parametrize(
    "text",
    ["", None, "och i på", "\x00\ud800", "😀😀", "школа " * 300, "a-b-c-d " * 200],
)
def test_index_terms_of_odd_text(text):
    terms = index_terms(text)
    assert all(isinstance(position, int) and term for position, term in terms)
