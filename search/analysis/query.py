"""A search text parsed once for every engine: terms with their alternatives, and phrases."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from search.analysis.compounds import split
from search.analysis.normalisation import WORD, clean, normalise
from search.analysis.stemming import stem
from search.analysis.stopwords import QUESTION_FILLER, QUESTION_WORDS, STOP_WORDS

# Weights of a term's alternatives: the word itself, its compound parts, a synonym.
OWN, PARTS, SYNONYM, HEAD_ONLY = 1.0, 0.8, 0.8, 0.6
# Last parts of a compound that add little to its first ones (brobyggar-verksamhet,
# läxhjälps-projekt): the first parts alone are an alternative, with a lower weight.
GENERIC_TAILS = frozenset({"verksamhet", "projekt", "satsning", "insats", "program", "modell"})
# Longer queries are cut: the first words count (a pasted paragraph is no query).
MAX_TERMS = 32
MAX_TEXT = 2000
# Search-engine operators people paste; typed in capitals they are syntax, not words.
OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
_QUOTED = re.compile(r'"([^"]*)"')
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})


@dataclass(frozen=True)
class QueryTerm:
    word: str  # the normalised word (or synonym phrase) as typed
    alternatives: tuple[tuple[str, ...], ...]  # conjunctions of analysed terms; any one matches
    weights: tuple[float, ...]  # one per alternative


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[QueryTerm, ...]
    phrases: tuple[tuple[str, ...], ...]
    text: str

    def minimum_match(self) -> int:
        """How many terms a document must match to be listed: all of one or two, 60 % (rounded
        up) of three to five, half of more. The one rule of every engine."""
        count = len(self.terms)
        if count <= 2:
            return count
        if count <= 5:
            return math.ceil(0.6 * count)
        return math.ceil(0.5 * count)


def _tokens(text: str) -> list[str]:
    """Normalised words of the text without stop words and capitalised operators; in a question
    also without the question's filler (QUESTION_FILLER), unless nothing else is left."""
    found = [token.lower() for token in WORD.findall(text) if token not in OPERATORS]
    question = text.rstrip().endswith("?") or not QUESTION_WORDS.isdisjoint(found)
    kept = [token for token in found if token not in STOP_WORDS]
    if question:
        content = [token for token in kept if token not in QUESTION_FILLER]
        if content:
            return content
    return kept


def _word_term(word: str, synonyms) -> QueryTerm:
    own = (stem(word),)
    alternatives, weights = [own], [OWN]
    lemmas = split(word)
    parts = tuple(dict.fromkeys(stem(part) for part in lemmas))
    if len(parts) > 1:
        alternatives.append(parts)
        weights.append(PARTS)
        if lemmas[-1] in GENERIC_TAILS:
            # A brobyggarverksamhet is brobyggare work: the first parts alone match too.
            alternatives.append(tuple(dict.fromkeys(stem(part) for part in lemmas[:-1])))
            weights.append(HEAD_ONLY)
        # Ungdomsarbetslöshet is also arbetslöshet among unga: a part's one-word synonyms.
        for position, part in enumerate(parts):
            for expansion in synonyms.expansions((part,)) if synonyms is not None else ():
                variant = tuple(
                    dict.fromkeys((*parts[:position], *expansion, *parts[position + 1 :]))
                )
                if len(expansion) == 1 and variant not in alternatives:
                    alternatives.append(variant)
                    weights.append(min(PARTS, SYNONYM))
    for expansion in synonyms.expansions(own) if synonyms is not None else ():
        if expansion not in alternatives:
            alternatives.append(expansion)
            weights.append(SYNONYM)
    return QueryTerm(word, tuple(alternatives), tuple(weights))


def _phrase_term(tokens: list[str], stems: tuple[str, ...], synonyms) -> QueryTerm:
    alternatives, weights = [stems], [OWN]
    for expansion in synonyms.expansions(stems):
        if expansion not in alternatives:
            alternatives.append(expansion)
            weights.append(SYNONYM)
    return QueryTerm(" ".join(tokens), tuple(alternatives), tuple(weights))


def parse_query(text: str | None, synonyms=None) -> ParsedQuery:
    """The query's terms (stop and question words left out, duplicates merged, a synonym phrase
    of several words one term) and its quoted phrases. `synonyms` is an object with
    .expansions(stems) (and optionally .longest, the most words of a phrase); None means the
    current groups."""
    if synonyms is None:
        from search.analysis.synonyms import current

        synonyms = current()
    text = (text or "")[:MAX_TEXT]
    raw = clean(text).translate(_QUOTES)
    phrases = []
    for quoted in _QUOTED.findall(raw):
        stems = tuple(stem(token) for token in _tokens(quoted))
        if len(stems) > 1 and stems not in phrases:
            phrases.append(stems)
    tokens = _tokens(raw)[: MAX_TERMS * 2]
    stems = [stem(token) for token in tokens]
    longest = getattr(synonyms, "longest", 4)
    terms: list[QueryTerm] = []
    seen: set[tuple[str, ...]] = set()
    index = 0
    while index < len(tokens) and len(terms) < MAX_TERMS:
        term, used = None, 1
        for size in range(min(longest, len(tokens) - index), 1, -1):
            window = tuple(stems[index : index + size])
            if synonyms.expansions(window):
                term, used = _phrase_term(tokens[index : index + size], window, synonyms), size
                break
        if term is None:
            term = _word_term(tokens[index], synonyms)
        index += used
        if term.alternatives[0] not in seen:
            seen.add(term.alternatives[0])
            terms.append(term)
    return ParsedQuery(tuple(terms), tuple(phrases), normalise(text))
