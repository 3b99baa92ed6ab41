"""Analysed terms of a text: what the engines store for one field."""

from __future__ import annotations

from functools import lru_cache

from search.analysis.compounds import split
from search.analysis.normalisation import words
from search.analysis.stemming import stem
from search.analysis.stopwords import STOP_WORDS


@lru_cache(maxsize=200_000)
def word_terms(word: str) -> tuple[str, ...]:
    """The terms one normalised word stands for: its stem, then the stems of its compound parts
    and of theirs ("arbetsmarknadsenheten" -> arbetsmarknadsen…, arbetsmarknad, enhet, arbet,
    marknad). Empty for a stop word."""
    if word in STOP_WORDS:
        return ()
    found = [stem(word)]
    pending = list(split(word))
    while pending:
        part = pending.pop(0)
        part_stem = stem(part)
        if part_stem not in found:
            found.append(part_stem)
            pending.extend(split(part))
    return tuple(found)


def index_terms(text: str | None) -> list[tuple[int, str]]:
    """(position, term) for every analysed term of the text. Positions count the words that are
    not stop words, so a quoted phrase ("frånvaro i skolan") matches adjacent positions; a
    compound's parts share the position of the whole word. Synonyms are not expanded here: a
    synonym change then needs no reindex."""
    result = []
    position = 0
    for word in words(text):
        found = word_terms(word)
        if not found:
            continue
        result.extend((position, term) for term in found)
        position += 1
    return result
