"""Normalisation, word tokens, accent folding and stop words."""

import pytest

from search.analysis import STOP_WORDS, fold, normalise, words


def test_normalise_composes_lowercases_and_folds_whitespace():
    decomposed = "Ha\u0308llefors\tKOMMUN\n\n  Åre"
    assert normalise(decomposed) == "hällefors kommun åre"


def test_control_characters_and_lone_surrogates_are_dropped():
    assert normalise("skol\x00frånvaro\x1b[0m \ud800elev\u200b") == "skol frånvaro [0m elev"


def test_words_split_on_everything_but_letters_and_digits():
    assert words("Hällefors ÖPPNAR Åsele-vägen, 2024!") == [
        "hällefors",
        "öppnar",
        "åsele",
        "vägen",
        "2024",
    ]


def test_fold_drops_accents_for_prefix_matching():
    assert fold("Hällefors  Åre–Östra, Malmö é") == "hallefors are ostra malmo e"


@pytest.mark.parametrize(
    "word",
    ["hur", "vad", "varför", "vilka", "vilken", "när", "kan", "får", "vi", "man", "finns", "bland"],
)
def test_question_words_are_stop_words(word):
    assert word in STOP_WORDS


@pytest.mark.parametrize(
    "word", ["arbete", "stöd", "unga", "skola", "hjälp", "frånvaro", "integration", "språk"]
)
def test_content_words_are_not_stop_words(word):
    assert word not in STOP_WORDS


@pytest.mark.parametrize(
    "text", [None, "", "\x00" * 100, "\udcff\ud800", "😀 مدرسة школа", "a" * 100_000]
)
def test_odd_input_never_raises(text):
    assert isinstance(normalise(text), str)
    assert isinstance(words(text), list)
    assert isinstance(fold(text), str)
