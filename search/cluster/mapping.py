"""The cluster index of cases: settings, mapping and the stored form of a search document.

Fields follow search/documents.py. Text fields are analysed for Swedish (analysis.py) and carry a
`.folded` sub-field; slugs and codes are keywords for filters; `facet_*` fields hold
"value<US>label" pairs so facet buckets carry their labels without a database round trip.
"""

from __future__ import annotations

from elasticsearch_dsl import Boolean, Date, Index, Integer, Keyword, Mapping, Text

from search.cluster.analysis import analyzers
from search.request import MAX_PAGE, MAX_PAGE_SIZE

# Field -> boost in the text query. The description fields describe a case in a few words; the
# body is the long text (lessons is a part of it, for ranking only).
DESCRIPTION_FIELDS = {
    "title": 4,
    "summary": 2,
    "themes": 2,
    "keywords": 2,
    "municipality": 1,
    "county": 1,
}
TEXT_FIELDS = {**DESCRIPTION_FIELDS, "lessons": 1, "body": 1}
# Highlighted fields store offsets in the index, so the highlighter reads them instead of
# re-analysing (and decompounding) every hit's text: the largest cost of a search otherwise.
# https://docs.opensearch.org/latest/search-plugins/searching-data/highlight/#methods-of-obtaining-offsets
HIGHLIGHTED_FIELDS = ("title", "summary", "body")
# Fields with an edge n-gram `.prefix` sub-field for autocomplete.
PREFIX_FIELDS = ("title", "themes", "municipality")
# The description fields copied into one folded field: one fuzzy query there is much cheaper than
# one per field, and the words may match in different fields ("brobygare hofors").
DESCRIPTION_FOLDED = "description_folded"
# Unstemmed words of all text, for the did-you-mean suggester.
SPELLING = "spelling"

# Separates value and label in facet_* fields; a control character never occurs in either.
LABEL_SEPARATOR = "\x1f"
# facet field -> (value list, label list) in the search document.
FACET_PAIRS = {
    "facet_themes": ("theme_slugs", "themes"),
    "facet_keywords": ("keyword_slugs", "keywords"),
    "facet_target_groups": ("target_group_slugs", "target_groups"),
    "facet_municipality": ("municipality_code", "municipality"),
    "facet_county": ("county_code", "county"),
}
KEYWORD_FIELDS = (
    "theme_slugs",
    "keyword_slugs",
    "target_group_slugs",
    "municipality_code",
    "county_code",
    "status",
    "evidence_level",
)


def case_mapping() -> Mapping:
    sv = analyzers()
    mapping = Mapping()
    # Unknown document fields stay in _source but are not indexed, so a new field in
    # search/documents.py never breaks indexing before the mapping learns it.
    mapping.meta("dynamic", False)
    mapping.field("id", Integer())
    for name in TEXT_FIELDS:
        sub_fields = {"folded": Text(analyzer=sv["folded"])}
        if name in PREFIX_FIELDS:
            sub_fields["prefix"] = Text(
                analyzer=sv["prefix_index"], search_analyzer=sv["prefix_search"]
            )
        offsets = {"index_options": "offsets"} if name in HIGHLIGHTED_FIELDS else {}
        mapping.field(
            name,
            Text(
                **offsets,
                analyzer=sv["index"],
                search_analyzer=sv["search"],
                fields=sub_fields,
                copy_to=[DESCRIPTION_FOLDED, SPELLING]
                if name in DESCRIPTION_FIELDS
                else [SPELLING],
            ),
        )
    mapping.field(DESCRIPTION_FOLDED, Text(analyzer=sv["folded"]))
    mapping.field(SPELLING, Text(analyzer=sv["plain"]))
    for name in KEYWORD_FIELDS:
        mapping.field(name, Keyword())
    for name in FACET_PAIRS:
        # Only aggregated, never searched: doc values without an inverted index. Eager global
        # ordinals move their cost from the first search after a refresh to the refresh.
        mapping.field(name, Keyword(index=False, eager_global_ordinals=True))
    mapping.field("url", Keyword(index=False, doc_values=False))
    mapping.field("target_groups", Keyword(index=False, doc_values=False))
    for name in ("start_date", "end_date", "published_at"):
        mapping.field(name, Date())
    for name in ("start_year", "end_year"):
        mapping.field(name, Integer())
    mapping.field("has_indicators", Boolean())
    mapping.field("version", Keyword(index=False))
    return mapping


def case_index(name: str) -> Index:
    index = Index(name)
    index.settings(
        # One shard holds 100,000 cases easily and keeps facet counts exact and cheap.
        number_of_shards=1,
        # A replica wherever there is a second node, none on a single-node cluster.
        auto_expand_replicas="0-1",
        # Deep pages up to the request's own limit (search/request.py).
        max_result_window=MAX_PAGE * MAX_PAGE_SIZE,
    )
    index.mapping(case_mapping())
    return index


def index_source(document: dict) -> dict:
    """The stored form of a search document: the document plus its facet_* pairs."""
    source = dict(document)
    for field, (values_key, labels_key) in FACET_PAIRS.items():
        values, labels = document.get(values_key), document.get(labels_key)
        if isinstance(values, str):
            values, labels = [values], [labels]
        source[field] = [
            f"{value}{LABEL_SEPARATOR}{label or value}"
            for value, label in zip(values or (), labels or (), strict=False)
            if value
        ]
    return source


def split_pair(pair: str) -> tuple[str, str]:
    value, _, label = pair.partition(LABEL_SEPARATOR)
    return value, label or value
