"""The ranking rule every engine applies, and what each engine stores to apply it.

One parsed query (search.analysis.parse_query) is translated by every engine; this module holds
the parts of the rule that are not engine syntax:

- A document's text is five weighted fields (FIELD_WEIGHTS): title > summary, tags (focus areas,
  keywords, target groups) > place (municipality, county) > body. Each field is stored as the
  analysed terms of search.analysis.index_terms (stems, plus compound parts).
- A query term matches when one of its alternatives has all its terms in the document, in any
  fields (words match across fields). A document is listed when it matches at least
  ParsedQuery.minimum_match() terms.
- Score: per query term the best matching alternative, weighted by the alternative's weight; an
  alternative scores BM25 (k1, b) per field times the field weight, summed over fields, times the
  term's idf, averaged over the alternative's terms. Bonuses: PAIR_WEIGHT for query terms that
  stand near each other (at most PAIR_WINDOW positions apart) in the title or summary – stored as
  "pair terms" – and COVERAGE_BONUS (a factor) when every query term matched.

The database engines store one weight per (term, document) – the field-weighted, length-
normalised term frequency below, with fixed typical field lengths (FIELD_LENGTHS) so a weight
never depends on other documents – and compute idf at query time. The cluster stores the terms in
whitespace-analysed fields and lets Lucene's BM25 (same k1 and b) do the per-field part with the
same field boosts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import pairwise, product

from search import analysis

# Field -> weight. A term in the title weighs five times one in the body.
FIELD_WEIGHTS = {"title": 5.0, "summary": 2.5, "tags": 2.5, "place": 1.5, "body": 1.0}
# Typical length in terms of each field, for BM25's length normalisation on the database engines
# (the cluster uses the real averages).
FIELD_LENGTHS = {"title": 6, "summary": 25, "tags": 6, "place": 3, "body": 400}
K1, B = 1.2, 0.75
# Terms at most this many positions apart in the title or summary count as near each other
# (stop words between them keep their positions: "frånvaro i skolan").
PAIR_WINDOW = 2
PAIR_FIELDS = ("title", "summary")
# A pair scores like a term in its field, times this (PHRASE_WEIGHT for pairs of a quoted phrase:
# the user said the words belong together).
PAIR_WEIGHT = 1.0
PHRASE_WEIGHT = 3.0
# Score factor for a document matching every query term (with two or more terms).
COVERAGE_BONUS = 0.5
# Limits that keep a pathological query cheap on every engine (the request text is already cut
# to 200 characters): terms looked at, alternatives per term, pairs per neighbouring terms.
MAX_TERMS = 24
MAX_ALTERNATIVES = 6
MAX_PAIR_TERMS = 3
# Beyond any real case; keeps a pathological body cheap to analyse.
MAX_FIELD_LENGTH = 200_000
PAIR_SEPARATOR = "_"  # analysed terms are words: never an underscore or a space


def field_texts(document: dict) -> dict[str, str]:
    """The five weighted fields of a search document (search/documents.py shape)."""
    tags = [
        name for key in ("themes", "keywords", "target_groups") for name in document.get(key) or []
    ]
    place = [document.get("municipality") or "", document.get("county") or ""]
    return {
        "title": document.get("title") or "",
        "summary": document.get("summary") or "",
        "tags": " . ".join(tags),
        "place": " . ".join(place),
        "body": (document.get("body") or "")[:MAX_FIELD_LENGTH],
    }


def field_terms(document: dict) -> dict[str, list[tuple[int, str]]]:
    return {field: analysis.index_terms(text) for field, text in field_texts(document).items()}


def pair_term(first: str, second: str) -> str:
    """One stored term for two terms near each other, in either order."""
    return PAIR_SEPARATOR.join(sorted((first, second)))


def document_pairs(terms: dict[str, list[tuple[int, str]]]) -> dict[str, str]:
    """pair term -> the field it occurs in with the most weight (title before summary)."""
    pairs: dict[str, str] = {}
    for field in PAIR_FIELDS:
        positioned = terms.get(field) or []
        for i, (position, term) in enumerate(positioned):
            for other_position, other in positioned[i + 1 :]:
                if other_position - position > PAIR_WINDOW:
                    break
                if other_position > position and other != term:
                    pairs.setdefault(pair_term(term, other), field)
    return pairs


def saturated(tf: int, length: int, field: str) -> float:
    """BM25's term-frequency part for one field (as Lucene computes it, without the constant
    factor k1 + 1), times the field's weight."""
    norm = 1 - B + B * length / FIELD_LENGTHS[field]
    return FIELD_WEIGHTS[field] * tf / (tf + K1 * norm)


def document_weights(document: dict) -> dict[str, float]:
    """term -> stored weight for the database engines: field-weighted BM25 term frequency,
    summed over fields; pair terms with their pair weight."""
    terms = field_terms(document)
    weights: dict[str, float] = {}
    for field, positioned in terms.items():
        counts = Counter(term for _position, term in positioned)
        length = len({position for position, _term in positioned})
        for term, tf in counts.items():
            weights[term] = weights.get(term, 0.0) + saturated(tf, length, field)
    for pair, field in document_pairs(terms).items():
        weights[pair] = FIELD_WEIGHTS[field]
    return weights


def field_term_strings(document: dict) -> dict[str, str]:
    """field -> its analysed terms separated by spaces (the cluster's pre-analysed fields), and
    "pairs_title", "pairs_summary" with the pair terms of each."""
    terms = field_terms(document)
    strings = {
        field: " ".join(term for _p, term in positioned) for field, positioned in terms.items()
    }
    pairs = document_pairs(terms)
    for field in PAIR_FIELDS:
        strings[f"pairs_{field}"] = " ".join(p for p, f in pairs.items() if f == field)
    return strings


# The query side


def query_terms(parsed) -> tuple:
    """The parsed query's terms, within the limits; each with at most MAX_ALTERNATIVES."""
    return tuple(parsed.terms[:MAX_TERMS])


def alternatives(term) -> list[tuple[tuple[str, ...], float]]:
    """(analysed terms, weight) of each way a query term can match."""
    pairs = list(zip(term.alternatives, term.weights, strict=False))[:MAX_ALTERNATIVES]
    return [(tuple(dict.fromkeys(terms)), float(weight)) for terms, weight in pairs if terms]


def minimum_match(parsed) -> int:
    terms = query_terms(parsed)
    return max(1, min(len(terms), parsed.minimum_match())) if terms else 0


def _single_terms(term) -> list[str]:
    singles = [terms[0] for terms, _weight in alternatives(term) if len(terms) == 1]
    return singles[:MAX_PAIR_TERMS]


def query_pairs(parsed) -> dict[str, float]:
    """pair term -> bonus weight: neighbouring query terms, and neighbours in quoted phrases."""
    pairs: dict[str, float] = {}
    terms = query_terms(parsed)
    for first, second in pairwise(terms):
        for a, b in product(_single_terms(first), _single_terms(second)):
            if a != b:
                pairs[pair_term(a, b)] = PAIR_WEIGHT
    for phrase in parsed.phrases[:MAX_TERMS]:
        for a, b in pairwise(phrase):
            if a != b:
                pairs[pair_term(a, b)] = PHRASE_WEIGHT
    return pairs


def all_terms(parsed) -> list[str]:
    """Every analysed term the query looks up (no pairs)."""
    return list(
        dict.fromkeys(
            t for term in query_terms(parsed) for terms, _w in alternatives(term) for t in terms
        )
    )


# What a hit shows


def highlights(document: dict, wanted: Iterable[str]) -> dict[str, list[str]]:
    """Title and summary marked, and a marked snippet of the body, for every engine alike."""
    wanted = frozenset(wanted)
    fragments = {
        "title": analysis.highlight(document.get("title") or "", wanted),
        "summary": analysis.highlight(document.get("summary") or "", wanted),
        "body": analysis.snippet(document.get("body") or "", wanted),
    }
    return {field: [fragment] for field, fragment in fragments.items() if fragment}
