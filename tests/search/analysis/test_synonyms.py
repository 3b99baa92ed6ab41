"""Synonym and acronym groups: the shipped seed list, expansion both ways, cluster rules."""

import pytest

from search.analysis import stem
from search.analysis.synonyms import (
    SynonymSet,
    cluster_synonym_rules,
    current,
    phrase_stems,
    seed_groups,
)


def test_seed_list_covers_the_programmes_themes():
    groups = seed_groups()
    assert len(groups) >= 40
    flat = {phrase for group in groups for phrase in group}
    for phrase in ("sfi", "hemmasittare", "neet", "kaa", "ips", "af", "komvux", "nyanlända"):
        assert phrase in flat


@pytest.mark.parametrize(
    ("typed", "finds"),
    [
        ("sfi", "svenska för invandrare"),
        ("svenskan för invandrarna", "sfi"),  # inflected, stop words ignored
        ("hemmasittare", "problematisk skolfrånvaro"),
        ("problematisk skolfrånvaro", "hemmasittare"),
        ("NEET", "unga som varken arbetar eller studerar"),
        ("unga som varken arbetar eller studerar", "uvas"),
        ("kaa", "kommunala aktivitetsansvaret"),
        ("AF", "Arbetsförmedlingen"),
        ("vux", "komvux"),
        ("kulturtolkar", "brobyggare"),
        ("ANDT", "alkohol och droger"),
        ("simundervisning", "simskola"),
    ],
)
def test_expansion_works_both_ways(typed, finds):
    assert phrase_stems(finds) in current().expansions(phrase_stems(typed))


def test_word_order_variants_are_one_alternative():
    expansions = current().expansions(("neet",))
    assert len({frozenset(alternative) for alternative in expansions}) == len(expansions)


def test_unknown_words_have_no_expansions():
    assert current().expansions((stem("skolgård"),)) == ()


def test_groups_from_an_editor_list():
    synonyms = SynonymSet([["läxhjälp", "läxläsning"], ["", "  "], ["ensam"]])
    assert synonyms.expansions((stem("läxläsningen"),)) == ((stem("läxhjälp"),),)
    assert ("ensam",) not in synonyms


def test_cluster_rules_are_solr_lines_of_stems():
    rules = cluster_synonym_rules()
    assert "sfi, svensk invandr, svenskundervisning invandr" in rules
    assert all("," in rule and "=>" not in rule for rule in rules)
    assert len(rules) == len(seed_groups())
