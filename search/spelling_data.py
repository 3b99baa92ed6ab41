"""Typo correction: the indexed vocabulary it draws on.

The database engine's index is kept on every installation – it is written in the publishing
transaction and stands in when a cluster fails – so its word list (CaseSearchWord: every indexed
word with its analysed form) is the vocabulary for every engine. A word's frequency is the number
of cases its analysed form is indexed for (the postings table of the database engine); a query
word is corrected when it is unknown or rare there.
"""

from __future__ import annotations

from django.db import connection
from django.db.models.functions import Length

from .analysis import STOP_WORDS, stem
from .models import CaseSearchWord
from .spelling import Correction, corrections, max_distance, words_to_correct

POSTINGS_TABLE = "case_search_posting"
MAX_CANDIDATES = 50_000


def candidates(word: str) -> list[str]:
    """Indexed words that may be this one misspelt. Typos rarely hit the first letter; assuming
    that keeps the candidates few."""
    reach = max_distance(word)
    return list(
        CaseSearchWord.objects.filter(word__startswith=word[0])
        .annotate(length=Length("word"))
        .filter(length__range=(len(word) - reach, len(word) + reach))
        .values_list("word", flat=True)[:MAX_CANDIDATES]
    )


def frequencies(words: list[str]) -> dict[str, int]:
    """word -> the number of indexed cases with its analysed form (empty without a postings
    table: then every word counts as unknown, and only a correction that finds clearly more is
    used)."""
    stems = {word: stem(word) for word in words}
    if not stems or POSTINGS_TABLE not in _tables():
        return {}
    wanted = sorted(set(stems.values()))
    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            placeholders = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT term, COUNT(*) FROM {POSTINGS_TABLE} "
                f"WHERE term IN ({placeholders}) GROUP BY term",
                chunk,
            )
            counts.update(cursor.fetchall())
    return {word: counts.get(term, 0) for word, term in stems.items()}


def _tables() -> set[str]:
    return set(connection.introspection.table_names())


def correct(text: str) -> list[Correction]:
    """Corrections of the text's unknown or rare words, most likely first (none if all are
    common in the index)."""
    unknown = words_to_correct(text, frequencies, STOP_WORDS)
    return corrections(text, unknown, candidates, frequencies)
