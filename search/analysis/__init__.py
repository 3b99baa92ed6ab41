"""One Swedish analysis for every search engine: normalisation, stop words, stemming, compound
splitting, synonyms, query parsing and highlighting. See docs/architecture.md, "Swedish analysis".
"""

from search.analysis.highlighting import highlight, highlight_terms, snippet
from search.analysis.normalisation import fold, normalise, words
from search.analysis.query import ParsedQuery, QueryTerm, parse_query
from search.analysis.stemming import stem
from search.analysis.stopwords import STOP_WORDS
from search.analysis.terms import index_terms, word_terms


def warm() -> None:
    """Load the word lists now (about a second) rather than in the first search of a process."""
    from search.analysis.compounds import dictionary
    from search.analysis.synonyms import _seed_set

    dictionary()
    _seed_set()


__all__ = [
    "STOP_WORDS",
    "ParsedQuery",
    "QueryTerm",
    "fold",
    "highlight",
    "highlight_terms",
    "index_terms",
    "normalise",
    "parse_query",
    "snippet",
    "stem",
    "warm",
    "word_terms",
    "words",
]
