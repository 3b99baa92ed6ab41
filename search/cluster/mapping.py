"""The cluster index of cases: settings, mapping and the stored form of a search document.

Fields follow search/documents.py. Matching and ranking read the `terms_*` fields: the weighted
fields of search/ranking.py as terms already analysed by search.analysis, split on whitespace
only, so every engine matches the same terms. The raw text fields carry a `.folded` sub-field
(fuzzy matching), edge n-grams (autocomplete) and stems (related cases). Slugs and codes are
keywords for filters; `facet_*` fields hold "value<US>label<US>English label<US>address" keys so
facet buckets and suggestions carry their labels and links without a database round trip.
"""

from __future__ import annotations

from elasticsearch_dsl import Boolean, Date, Index, Integer, Keyword, Mapping, Text

from search import ranking
from search.cluster.analysis import analyzers
from search.request import MAX_PAGE, MAX_PAGE_SIZE

# search/ranking.py's weighted field -> the cluster field holding its analysed terms.
TERM_FIELDS = {field: f"terms_{field}" for field in ranking.FIELD_WEIGHTS}
# Pair terms (words near each other) of the title and of the summary.
PAIR_FIELDS = {field: f"terms_pairs_{field}" for field in ranking.PAIR_FIELDS}
# The raw text of a document. The description fields describe a case in a few words.
DESCRIPTION_FIELDS = ("title", "summary", "themes", "keywords", "municipality", "county")
TEXT_FIELDS = (*DESCRIPTION_FIELDS, "body")
# Fields with an edge n-gram `.prefix` sub-field for autocomplete.
PREFIX_FIELDS = ("title", "themes", "municipality")
# The description fields copied into one folded field: one fuzzy query there is much cheaper than
# one per field, and the words may match in different fields ("brobygare hofors").
DESCRIPTION_FOLDED = "description_folded"
# Unstemmed words of all text, for the did-you-mean suggester.
SPELLING = "spelling"

# Separates value, labels and address in facet_* fields; a control character never occurs in them.
LABEL_SEPARATOR = "\x1f"
# facet field -> (values, labels, English labels, addresses) in the search document; None where
# the document has no such field (municipality and county names are the same in both languages;
# a municipality's page address comes from its cases' documents, `municipality_url`).
FACET_PAIRS = {
    "facet_themes": ("theme_slugs", "themes", "themes_en", "theme_urls"),
    "facet_keywords": ("keyword_slugs", "keywords", "keywords_en", None),
    "facet_target_groups": ("target_group_slugs", "target_groups", "target_groups_en", None),
    "facet_municipality": ("municipality_code", "municipality", None, None),
    "facet_county": ("county_code", "county", None, None),
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
    # The analysed terms are only searched, never shown: not stored a second time in _source.
    mapping.meta("_source", {"excludes": ["terms_*"]})
    mapping.field("id", Integer())
    for name in TEXT_FIELDS:
        sub_fields = {"folded": Text(analyzer=sv["folded"])}
        if name in PREFIX_FIELDS:
            sub_fields["prefix"] = Text(
                analyzer=sv["prefix_index"], search_analyzer=sv["prefix_search"]
            )
        mapping.field(
            name,
            Text(
                analyzer=sv["text"],
                fields=sub_fields,
                copy_to=[DESCRIPTION_FOLDED, SPELLING]
                if name in DESCRIPTION_FIELDS
                else [SPELLING],
            ),
        )
    for name in TERM_FIELDS.values():
        # Positions are never used (nearness is in the pair terms); frequencies and lengths are.
        mapping.field(name, Text(analyzer="whitespace", index_options="freqs"))
    for name in PAIR_FIELDS.values():
        mapping.field(name, Text(analyzer="whitespace", index_options="docs", norms=False))
    mapping.field(DESCRIPTION_FOLDED, Text(analyzer=sv["folded"]))
    mapping.field(SPELLING, Text(analyzer=sv["plain"]))
    for name in KEYWORD_FIELDS:
        mapping.field(name, Keyword())
    for name in FACET_PAIRS:
        # Only aggregated, never searched: doc values without an inverted index. Eager global
        # ordinals move their cost from the first search after a refresh to the refresh.
        mapping.field(name, Keyword(index=False, eager_global_ordinals=True))
    mapping.field("url", Keyword(index=False, doc_values=False))
    mapping.field("municipality_url", Keyword(index=False, doc_values=False))
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
    """The stored form of a search document: the document plus its analysed terms and its
    facet_* pairs."""
    source = dict(document)
    source.pop("lessons", None)  # a part of the body; only the body is searched
    terms = ranking.field_term_strings(document)
    for field, name in TERM_FIELDS.items():
        source[name] = terms[field]
    for field, name in PAIR_FIELDS.items():
        source[name] = terms[f"pairs_{field}"]
    for field, keys in FACET_PAIRS.items():
        columns = [_as_list(document.get(key)) if key else [] for key in keys]
        values, labels, english, urls = columns
        source[field] = [
            facet_key(value, _at(labels, number), _at(english, number), _at(urls, number))
            for number, value in enumerate(values)
            if value
        ]
    return source


def _as_list(value) -> list:
    return [value] if isinstance(value, str) else list(value or ())


def _at(values: list, number: int) -> str:
    return str(values[number] or "") if number < len(values) else ""


def facet_key(value: str, label: str, label_en: str = "", url: str = "") -> str:
    label = label or value
    return LABEL_SEPARATOR.join((value, label, label_en or label, url))


def split_facet_key(key: str) -> tuple[str, str, str, str]:
    """(value, label, English label, address) of a facet_* key."""
    value, label, label_en, url = [*key.split(LABEL_SEPARATOR), "", "", ""][:4]
    label = label or value
    return value, label, label_en or label, url


def split_pair(pair: str) -> tuple[str, str]:
    value, label, _label_en, _url = split_facet_key(pair)
    return value, label
