"""Analyzers of the cluster index, defined once with elasticsearch-dsl.

Matching and ranking do not use them: the cluster receives the terms of search.analysis already
analysed (stems and compound parts, in whitespace-separated `terms_*` fields, mapping.py), and
the query sends analysed terms (query.py), so the cluster finds exactly what the database engines
find. Synonyms are expanded by search.analysis.parse_query at query time, on every engine alike.

What remains for the cluster's own analyzers is what search.analysis does not model:
- `sv_folded` (the `.folded` sub-fields and `description_folded`): accents dropped and words
  stemmed, for fuzzy matching of longer words with a low weight (typos, "goteborg");
- `sv_prefix` / `sv_prefix_search`: folded edge n-grams for autocomplete;
- `sv_plain`: unstemmed words for the did-you-mean suggester;
- `sv_text`: stemmed words of the raw text, for more_like_this (related cases).
"""

from __future__ import annotations

from functools import cache

from elasticsearch_dsl import analyzer, token_filter


@cache
def analyzers() -> dict:
    # "swedish" is Snowball, the stemmer search.analysis builds on.
    # https://docs.opensearch.org/latest/analyzers/token-filters/stemmer/
    stemmer = token_filter("sv_stemmer", type="stemmer", language="swedish")
    edge = token_filter("sv_edge", type="edge_ngram", min_gram=2, max_gram=20)
    return {
        "text": analyzer("sv_text", tokenizer="standard", filter=["lowercase", stemmer]),
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
