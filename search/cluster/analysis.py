"""Swedish analysis for the cluster index, defined once with elasticsearch-dsl.

Main text fields index with `sv_index`: standard tokenizer, lowercase, compound splitting against
search/data/compound_words.txt, Snowball Swedish stemming. A compound is indexed whole *and* as
its parts, so "klubb" finds "idrottsklubbarna" and "samordnare" finds "integrationssamordnaren".

Searches use `sv_search`: lowercase, stemming, then the curated synonyms (search/data/synonyms.txt;
synonym_graph works at search time only, and editing synonyms then needs no reindex of old
documents). The search side does not run the dictionary decompounder: it also emits every listed
word that merely occurs inside a word ("garn" in brobyggarna, "ration" in integration), which
made one-word searches match unrelated cases. Instead `compound_tail` splits a query word only
when the word list explains all of it, and the query also searches for that last part (Swedish
compounds are right-headed: an integrationssamordnare is a samordnare).

`sv_folded` (the `.folded` sub-fields and `description_folded`, where typos are forgiven) drops
accents and splits nothing, so "goteborg" finds "Göteborg" and fuzzy matching compares whole
words.
`sv_prefix` feeds autocomplete with edge n-grams.

Word list and synonyms are inlined into the index settings: a *_path setting would need the file
in every node's config directory, which a managed cluster does not offer.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from elasticsearch_dsl import analyzer, token_filter

from search.text import STOP_WORDS, fold, stem, words

DATA = Path(__file__).resolve().parent.parent / "data"
SYNONYMS_FILE = DATA / "synonyms.txt"
COMPOUND_WORDS_FILE = DATA / "compound_words.txt"
# The decompounder's shortest part; shorter parts match too much.
MIN_SUBWORD_SIZE = 4
# Shortest first part of a compound query word that compound_tail accepts ("idrott" in
# idrottsklubb; shorter heads split lexicalised words: del-tagare); linking letters between the
# parts (idrott-s-klubb, kvinno-jour).
MIN_HEAD_SIZE = 4
LINKS = ("", "s", "e", "a", "o", "u")
MAX_PARTS = 4


def _lines(path: Path) -> list[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _without_stop_words(phrase: str) -> str:
    return " ".join(word for word in words(phrase) if word not in STOP_WORDS)


@cache
def synonym_rules() -> tuple[str, ...]:
    """The synonym file's rules with stop words dropped from every phrase: searches ignore stop
    words (as the database engine does), so "svenska för invandrare" arrives as "svenska
    invandrare" and the rule must say the same."""
    rules = []
    for line in _lines(SYNONYMS_FILE):
        sides = [
            ", ".join(filter(None, (_without_stop_words(term) for term in side.split(","))))
            for side in line.split("=>")
        ]
        if all(sides):
            rules.append(" => ".join(sides))
    return tuple(rules)


@cache
def compound_words() -> tuple[str, ...]:
    return tuple(_lines(COMPOUND_WORDS_FILE))


@cache
def _compound_stems() -> frozenset[str]:
    return frozenset(stem(word) for word in compound_words())


def _is_listed(word: str) -> bool:
    """The word, in any inflected form, is a listed word ("klubbarna" -> klubb)."""
    return len(word) >= MIN_HEAD_SIZE and stem(word) in _compound_stems()


def _explained(word: str, parts: int = MAX_PARTS) -> bool:
    """The word is listed, or listed words (with linking letters) make up all of it."""
    if _is_listed(word):
        return True
    return parts > 1 and _split(word, parts) is not None


def _split(word: str, parts: int = MAX_PARTS) -> str | None:
    """The longest listed tail after an explained head, preferring a linking "s" to a tail that
    starts with s: "arbetsmarknadsenheten" -> "enheten", not "senheten"."""
    for cut in range(MIN_HEAD_SIZE, len(word) - MIN_SUBWORD_SIZE + 1):
        head, tail = word[:cut], word[cut:]
        if not _is_listed(tail):
            continue
        if tail.startswith("s") and _is_listed(tail[1:]) and _explained(head, parts - 1):
            return tail[1:]
        for link in LINKS:
            first = head[: len(head) - len(link)]
            if head.endswith(link) and len(first) >= MIN_HEAD_SIZE and _explained(first, parts - 1):
                return tail
    return None


@cache
def _place_words() -> frozenset[str]:
    """Words of municipality and county names, with and without accents: names are not split
    (Hällefors is not a kind of fors)."""
    from cases.municipality_list import read_official_list

    names = " ".join(f"{m.name} {m.county_name}" for m in read_official_list())
    return frozenset(words(names)) | frozenset(fold(names).split())


def compound_tail(word: str) -> str | None:
    """The last part of a compound query word when the word list explains the whole word:
    "integrationssamordnaren" -> "samordnaren", "idrottsklubbarna" -> "klubbarna". None for
    listed words (brobyggare stays whole), place names and words the list cannot explain."""
    word = word.lower()
    if len(word) < MIN_HEAD_SIZE + MIN_SUBWORD_SIZE or _is_listed(word):
        return None
    if word in _place_words():
        return None
    return _split(word)


def _filters():
    decompound = token_filter(
        "sv_decompound",
        type="dictionary_decompounder",
        word_list=list(compound_words()),
        min_subword_size=MIN_SUBWORD_SIZE,
        # Of the listed words starting at one position only the longest is kept.
        only_longest_match=True,
    )
    # "swedish" is Snowball, the stemmer search/text.py (PyStemmer) and the database engine use;
    # it joins more forms (brobyggare/brobyggarna) than light_swedish.
    # https://docs.opensearch.org/latest/analyzers/token-filters/stemmer/
    stemmer = token_filter("sv_stemmer", type="stemmer", language="swedish")
    synonyms = token_filter("sv_synonyms", type="synonym_graph", synonyms=list(synonym_rules()))
    edge = token_filter("sv_edge", type="edge_ngram", min_gram=2, max_gram=20)
    return decompound, stemmer, synonyms, edge


@cache
def analyzers() -> dict:
    decompound, stemmer, synonyms, edge = _filters()
    return {
        "index": analyzer(
            "sv_index", tokenizer="standard", filter=["lowercase", decompound, stemmer]
        ),
        # Synonyms after stemming: rules are parsed with the filters before them, so a rule
        # matches every inflected form (brobyggare, brobyggarna).
        "search": analyzer(
            "sv_search", tokenizer="standard", filter=["lowercase", stemmer, synonyms]
        ),
        # Folding before stemming on both sides, so "göteborgs" and "goteborgs" stem alike.
        "folded": analyzer(
            "sv_folded", tokenizer="standard", filter=["lowercase", "asciifolding", stemmer]
        ),
        "prefix_index": analyzer(
            "sv_prefix", tokenizer="standard", filter=["lowercase", "asciifolding", edge]
        ),
        "prefix_search": analyzer(
            "sv_prefix_search", tokenizer="standard", filter=["lowercase", "asciifolding"]
        ),
        # Unstemmed words for the did-you-mean suggester, which must suggest real words.
        "plain": analyzer("sv_plain", tokenizer="standard", filter=["lowercase"]),
    }
