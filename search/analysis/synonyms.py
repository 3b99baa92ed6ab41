"""Synonym and acronym groups: "sfi" finds "svenska för invandrare" and the other way round.

Each group is a set of phrases that mean the same; a phrase is one word or several. Phrases are
compared as sequences of stems without stop words, so every inflected form of a phrase counts
("svenska för invandrare" = "svenskan för invandrarna"). Groups are expanded at query time only.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path

from search.analysis.normalisation import words
from search.analysis.stemming import stem
from search.analysis.stopwords import STOP_WORDS

SEED_FILE = Path(__file__).resolve().parent / "data" / "synonyms.txt"


def phrase_stems(phrase: str) -> tuple[str, ...]:
    return tuple(stem(word) for word in words(phrase) if word not in STOP_WORDS)


class SynonymSet:
    """Groups of phrases that mean the same, looked up by the stems of a phrase."""

    def __init__(self, groups):
        kept = (tuple(phrase for phrase in group if phrase_stems(phrase)) for group in groups)
        # A group needs two phrases that differ once analysed, or it expands nothing.
        self.groups: tuple[tuple[str, ...], ...] = tuple(
            group for group in kept if len({phrase_stems(phrase) for phrase in group}) > 1
        )
        self._index: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        for group in self.groups:
            analysed = list(dict.fromkeys(phrase_stems(phrase) for phrase in group))
            for key in analysed:
                known = self._index.setdefault(key, [])
                # Alternatives are conjunctions: word order within one does not matter.
                sets = {frozenset(key), *map(frozenset, known)}
                for other in analysed:
                    if frozenset(other) not in sets:
                        sets.add(frozenset(other))
                        known.append(other)
        self.longest = max((len(key) for key in self._index), default=0)

    def expansions(self, word_stems: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
        """The other phrases of every group the stems belong to, as stem sequences."""
        return tuple(self._index.get(tuple(word_stems), ()))

    def __contains__(self, word_stems) -> bool:
        return tuple(word_stems) in self._index


def _read_groups(path: Path) -> list[list[str]]:
    groups = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        group = [phrase.strip() for phrase in line.split(",") if phrase.strip()]
        if len(group) > 1:
            groups.append(group)
    return groups


def seed_groups() -> list[list[str]]:
    """The groups shipped with the project (data/synonyms.txt)."""
    return _read_groups(SEED_FILE)


@cache
def _seed_set() -> SynonymSet:
    return SynonymSet(seed_groups())


class _Source:
    """Where the editors' groups come from; the analysis knows no database of its own."""

    read: Callable[[], tuple[tuple[str, ...], ...]] | None = None


_source = _Source()


def use_groups_from(read: Callable[[], tuple[tuple[str, ...], ...]]) -> None:
    """Let current() ask `read()` for the active groups (search/apps.py hands in
    search.synonyms.active_groups when Django starts)."""
    _source.read = read


def current() -> SynonymSet:
    """The groups parse_query uses by default: the active groups editors keep in the admin
    (search/synonyms.py, read afresh after every change), or the shipped seed list where the
    database cannot be read (outside Django, before migrations, in tests without a database)."""
    if _source.read is None:
        return _seed_set()
    from django.core.exceptions import AppRegistryNotReady, ImproperlyConfigured
    from django.db import DatabaseError

    try:
        groups = _source.read()
    except (AppRegistryNotReady, ImproperlyConfigured, DatabaseError, RuntimeError):
        return _seed_set()
    return _set_of(groups)


@lru_cache(maxsize=8)
def _set_of(groups: tuple[tuple[str, ...], ...]) -> SynonymSet:
    return SynonymSet(groups)


def cluster_synonym_rules(synonyms: SynonymSet | None = None) -> list[str]:
    """The groups as Solr rules for a synonym_graph filter over pre-analysed terms: each phrase
    written as its stems ("sfi, svensk invandr"), since the cluster indexes the terms
    index_terms() produces and searches with the terms parse_query() produces."""
    synonyms = synonyms or current()
    rules = []
    for group in synonyms.groups:
        phrases = list(dict.fromkeys(" ".join(phrase_stems(phrase)) for phrase in group))
        if len(phrases) > 1:
            rules.append(", ".join(phrases))
    return rules
