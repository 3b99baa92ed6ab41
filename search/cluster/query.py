"""Request bodies for the cluster and the parsing of its answers, as pure functions.

Built with elasticsearch-dsl and returned as plain dicts, so they are unit-tested without a server
and sent unchanged to OpenSearch or Elasticsearch.

Faceted search follows the usual pattern: the query holds only the text, every filter goes into
`post_filter` (hits), and each facet's aggregation is wrapped in a filter of all the *other*
filters, so a selected value's siblings keep their counts. Facets whose own filter is not set share
one wrapper. https://docs.opensearch.org/latest/search-plugins/filter-search/#post-filter
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from elasticsearch_dsl import A, Q, Search

from cases.choices import EvidenceLevel, Status
from search import analysis, filters, ranking
from search.cluster.mapping import (
    DESCRIPTION_FOLDED,
    FACET_PAIRS,
    PAIR_FIELDS,
    SPELLING,
    TERM_FIELDS,
    split_facet_key,
)
from search.request import FacetValue, Hit, SearchRequest, SearchResult, Suggestion

# What a Hit needs, and nothing else (the body never leaves the cluster).
HIT_SOURCE = [
    "id",
    "title",
    "url",
    "summary",
    "municipality",
    "municipality_code",
    "county",
    "county_code",
    "themes",
    "status",
    "start_year",
    "end_year",
    "is_example",
    "published_at",
    "evidence_level",
]
# Typo tolerance: one edit, never in the first letter (also keeps the fuzzy automaton small), for
# words of FUZZY_MIN_LENGTH letters or more, weighing a fraction of an exact match.
FUZZINESS, FUZZY_PREFIX, FUZZY_MIN_LENGTH, FUZZY_EXPANSIONS = 1, 1, 5, 20
FUZZY_WEIGHT = 0.2
SUGGESTER = "did_you_mean"
# The same labels and order as the database engine (search/engines/database.py).
INDICATOR_LABELS = {"true": _("With result indicators"), "false": _("Without result indicators")}
_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}"})
FACET_AGG_PREFIX = "facet__"
# Labels of the chosen values, read from every document: a chosen value no case in scope has is
# still shown (with 0), named as the documents name it.
CHOSEN_LABELS = "chosen_labels"
CHOSEN_LABELS_PREFIX = "labels__"


@dataclass(frozen=True)
class Facet:
    filter_field: str | None  # keyword field the request's values are matched against
    agg_field: str  # field the buckets come from (a facet_* pair field where labels are needed)
    size: int
    order_by_key: bool = False


_FIELD = filters.FILTER_FIELDS
FACET_SPECS = {
    "themes": Facet(_FIELD["themes"], "facet_themes", 50),
    "keywords": Facet(_FIELD["keywords"], "facet_keywords", 50),
    "municipalities": Facet(_FIELD["municipalities"], "facet_municipality", 300),
    "counties": Facet(_FIELD["counties"], "facet_county", 30),
    "statuses": Facet(_FIELD["statuses"], "status", 10),
    "target_groups": Facet(_FIELD["target_groups"], "facet_target_groups", 50),
    "evidence_levels": Facet(_FIELD["evidence_levels"], "evidence_level", 10),
    "start_years": Facet(None, "start_year", 100, order_by_key=True),
    "has_indicators": Facet(None, "has_indicators", 2),
}


def _in_fields(term: str, boost: float = 1.0):
    """One analysed term in any weighted field; the field scores add up (as on the database)."""
    return Q(
        "bool",
        should=[
            Q("term", **{name: {"value": term, "boost": ranking.FIELD_WEIGHTS[field]}})
            for field, name in TERM_FIELDS.items()
        ],
        boost=boost,
    )


def _fuzzy(word: str):
    """The word with one typo (never in its first letter), accents ignored, in the raw text."""
    params = {
        "query": word,
        "fuzziness": FUZZINESS,
        "prefix_length": FUZZY_PREFIX,
        "max_expansions": FUZZY_EXPANSIONS,
    }
    return Q(
        "bool",
        should=[Q("match", **{DESCRIPTION_FOLDED: params}), Q("match", **{"body.folded": params})],
        boost=FUZZY_WEIGHT,
    )


def term_clause(term):
    """A query term: the best of its alternatives (each needs all its terms, in any fields)."""
    options = []
    for terms, weight in ranking.alternatives(term):
        if len(terms) == 1:
            options.append(_in_fields(terms[0], weight))
        else:
            parts = [_in_fields(part) for part in terms]
            options.append(Q("bool", must=parts, boost=weight / len(terms)))
    if len(term.word) >= FUZZY_MIN_LENGTH and not term.word.isdigit():
        options.append(_fuzzy(term.word))
    return options[0] if len(options) == 1 else Q("dis_max", queries=options)


def _pairs(parsed) -> list:
    return [
        Q("term", **{name: {"value": pair, "boost": bonus * ranking.FIELD_WEIGHTS[field]}})
        for pair, bonus in ranking.query_pairs(parsed).items()
        for field, name in PAIR_FIELDS.items()
    ]


def text_query(parsed):
    """The rule of search/ranking.py: at least minimum_match() query terms, each scored by its
    best alternative; near pairs add, covering every term multiplies."""
    if parsed is None:
        return Q("match_all")
    terms = ranking.query_terms(parsed)
    if not terms or not ranking.all_terms(parsed):
        return Q("match_none")
    clauses = [term_clause(term) for term in terms]
    core = Q("bool", should=clauses, minimum_should_match=ranking.minimum_match(parsed))
    pairs = _pairs(parsed)
    query = Q("bool", must=[core], should=pairs) if pairs else core
    if len(clauses) == 1:
        return query
    return Q(
        "function_score",
        query=query,
        functions=[{"filter": Q("bool", filter=clauses), "weight": 1 + ranking.COVERAGE_BONUS}],
        boost_mode="multiply",
    )


def _year_filter(years: dict):
    """search/filters.py's year_range: started by its end and not ended before its start."""
    clauses = [Q("exists", field="start_year")]
    if years["start_year_at_most"] is not None:
        clauses.append(Q("range", start_year={"lte": years["start_year_at_most"]}))
    if years["end_year_at_least"] is not None:
        still_running = ~Q("exists", field="end_year")
        clauses.append(still_running | Q("range", end_year={"gte": years["end_year_at_least"]}))
    return Q("bool", filter=clauses)


def filter_clauses(request: SearchRequest) -> dict:
    """Facet name -> filter query, for every filter the request sets."""
    clauses = {}
    for name, spec in FACET_SPECS.items():
        if spec.filter_field and request.filter_values(name):
            clauses[name] = Q("terms", **{spec.filter_field: list(request.filter_values(name))})
    years = filters.year_range(request)
    if years is not None:
        clauses["start_years"] = _year_filter(years)
    if request.has_indicators is not None:
        clauses["has_indicators"] = Q("term", has_indicators=request.has_indicators)
    return clauses


def _all_of(clauses: list):
    return Q("bool", filter=clauses)


def _facet_terms(spec: Facet):
    params = {"field": spec.agg_field, "size": spec.size}
    if spec.order_by_key:
        params["order"] = {"_key": "desc"}
    return A("terms", **params)


def facet_aggregations(filters: dict) -> dict:
    """name -> aggregation; facets sharing the same set of other filters share one wrapper."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for facet in FACET_SPECS:
        others = tuple(name for name in filters if name != facet)
        groups.setdefault(others, []).append(facet)
    aggs = {}
    for number, (others, facets) in enumerate(groups.items()):
        terms = {FACET_AGG_PREFIX + facet: _facet_terms(FACET_SPECS[facet]) for facet in facets}
        if not others:
            aggs.update(terms)
            continue
        wrapper = A("filter", filter=_all_of([filters[name] for name in others]))
        for name, agg in terms.items():
            wrapper.bucket(name, agg)
        aggs[f"others_{number}"] = wrapper
    return aggs


def chosen_label_aggregations(request: SearchRequest) -> dict:
    """name -> aggregation finding one document with each of the request's chosen values, whose
    source names it (the caller wraps them in a global aggregation: over every document)."""
    aggs = {}
    for facet, spec in FACET_SPECS.items():
        fields = FACET_PAIRS.get(spec.agg_field)
        if not spec.filter_field or fields is None:
            continue
        source = [field for field in fields[:3] if field]
        for number, value in enumerate(request.filter_values(facet)):
            # One filter per value: a regular expression over the facet keys would be shorter,
            # but OpenSearch 2.19 fails (index out of bounds) on one sorting after every key.
            chosen = A("filter", filter=Q("term", **{spec.filter_field: value}))
            chosen.bucket("case", "top_hits", size=1, _source=source)
            aggs[f"{CHOSEN_LABELS_PREFIX}{facet}__{number}"] = chosen
    return aggs


def _sort(sort: str) -> list:
    """search/filters.py's sort orders; relevance is the score, then newest."""
    fields = filters.sort_fields("newest" if sort == "relevance" else sort)
    order = [
        {field: {"order": "desc"}}
        if field == "id"
        else {field: {"order": "desc", "missing": "_last"}}
        for field in fields
    ]
    return ["_score", *order] if sort == "relevance" else order


def search_body(request: SearchRequest, parsed=None) -> dict:
    """The body of one search: hits, exact total and facet counts. `parsed` is
    search.analysis.parse_query(request.text), None without text. With text, hits carry the
    body too, for the snippet (search/ranking.py highlights them as on the database)."""
    filters = filter_clauses(request)
    search = Search().query(text_query(parsed)).extra(track_total_hits=True)
    if filters:
        search = search.post_filter(_all_of(list(filters.values())))
    for name, agg in facet_aggregations(filters).items():
        search.aggs[name] = agg
    chosen = chosen_label_aggregations(request)
    if chosen:
        everything = A("global")
        for name, agg in chosen.items():
            everything.bucket(name, agg)
        search.aggs[CHOSEN_LABELS] = everything
    source = [*HIT_SOURCE, "body"] if parsed is not None else HIT_SOURCE
    search = search.sort(*_sort(request.sort)).source(source)
    return search[request.offset : request.offset + request.page_size].to_dict()


def suggestion_body(text: str) -> dict:
    """Did-you-mean for a search that found nothing: the indexed words nearest the unknown ones."""
    search = Search().extra(size=0, track_total_hits=False)
    search = search.suggest(
        SUGGESTER,
        text,
        # "missing": only words the index does not know get a suggestion.
        term={
            "field": SPELLING,
            "suggest_mode": "missing",
            "min_word_length": 4,
            "prefix_length": 1,
        },
    )
    return search.to_dict()


# ------------------------------------------------------------------------------- parsing


def hit_from_source(source: dict, highlights: dict | None = None) -> Hit:
    return Hit.from_document(source, highlights or {})


def _facet_buckets(aggregations: dict) -> dict[str, list[dict]]:
    found = {}
    for name, agg in (aggregations or {}).items():
        if not isinstance(agg, dict):
            continue
        if name.startswith(FACET_AGG_PREFIX):
            found[name.removeprefix(FACET_AGG_PREFIX)] = agg.get("buckets", [])
        else:
            found.update(_facet_buckets(agg))
    return found


def _fixed_label(facet: str, value: str) -> str | None:
    if facet == "statuses" and value in Status.values:
        return str(Status(value).label)
    if facet == "evidence_levels" and value in EvidenceLevel.values:
        return str(EvidenceLevel(value).label)
    if facet == "has_indicators" and value in INDICATOR_LABELS:
        return str(INDICATOR_LABELS[value])
    return None


def _bucket_value(facet: str, bucket: dict) -> tuple[str, str, str]:
    """(value, label, English label) of a facet bucket."""
    key = bucket.get("key_as_string", bucket["key"]) if facet == "has_indicators" else bucket["key"]
    if FACET_SPECS[facet].agg_field.startswith("facet_"):
        value, label, label_en, _url = split_facet_key(str(key))
        return value, label, label_en
    value = str(key)
    label = _fixed_label(facet, value) or value
    return value, label, label


def _chosen_labels(aggregations: dict) -> dict[str, dict[str, tuple[str, str]]]:
    """facet -> chosen value -> (label, English label), as a document with the value names it."""
    found: dict[str, dict[str, tuple[str, str]]] = {}
    for name, agg in (aggregations.get(CHOSEN_LABELS) or {}).items():
        if not name.startswith(CHOSEN_LABELS_PREFIX) or not isinstance(agg, dict):
            continue
        facet = name.removeprefix(CHOSEN_LABELS_PREFIX).rsplit("__", 1)[0]
        values_key, labels_key, english_key, _urls = FACET_PAIRS[FACET_SPECS[facet].agg_field]
        labels = found.setdefault(facet, {})
        for hit in agg.get("case", {}).get("hits", {}).get("hits", []):
            document = hit.get("_source") or {}
            values, names = _listed(document.get(values_key)), _listed(document.get(labels_key))
            english = _listed(document.get(english_key)) if english_key else names
            for number, value in enumerate(values):
                label = (names[number] if number < len(names) else "") or value
                label_en = (english[number] if number < len(english) else "") or label
                labels.setdefault(str(value), (label, label_en))
    return found


def _listed(value) -> list:
    return [value] if isinstance(value, str) else list(value or ())


def _is_selected(facet: str, value: str, request: SearchRequest) -> bool:
    if facet == "start_years":
        if request.year_from is None and request.year_to is None:
            return False
        year = int(value)
        return (request.year_from or year) <= year <= (request.year_to or year)
    if facet == "has_indicators":
        return request.has_indicators is not None and value == str(request.has_indicators).lower()
    return value in request.filter_values(facet)


def _selected_values(facet: str, request: SearchRequest) -> tuple[str, ...]:
    if facet == "has_indicators":
        return () if request.has_indicators is None else (str(request.has_indicators).lower(),)
    if facet == "start_years":
        return ()
    return request.filter_values(facet)


def _facet_order(value: FacetValue):
    return -value.count, value.label.lower().translate(_SWEDISH_ORDER)


def parse_facets(aggregations: dict, request: SearchRequest) -> dict[str, list[FacetValue]]:
    facets = {}
    chosen = _chosen_labels(aggregations)
    for facet, buckets in _facet_buckets(aggregations).items():
        values = []
        for bucket in buckets:
            value, label, label_en = _bucket_value(facet, bucket)
            selected = _is_selected(facet, value, request)
            values.append(FacetValue(value, label, bucket["doc_count"], selected, label_en))
        # A selected value that no longer matches anything stays visible (count 0), so it can
        # be unselected.
        present = {value.value for value in values}
        for value in _selected_values(facet, request):
            if value not in present:
                fixed = _fixed_label(facet, value)
                label, label_en = chosen.get(facet, {}).get(value, (fixed or value, fixed or value))
                values.append(FacetValue(value, label, 0, True, label_en))
        facets[facet] = sorted(values, key=_facet_order)
    return facets


def parse_suggestion(response: dict) -> str | None:
    """The search text with each unknown word replaced by its best-known neighbour."""
    entries = (response.get("suggest") or {}).get(SUGGESTER) or []
    if not entries or not any(entry.get("options") for entry in entries):
        return None
    return " ".join(
        entry["options"][0]["text"] if entry.get("options") else entry["text"] for entry in entries
    )


def parse_search_response(
    response: dict, request: SearchRequest, engine: str = "", wanted: frozenset[str] = frozenset()
) -> SearchResult:
    """The result; hits highlighted with `wanted` (search.analysis.highlight_terms)."""
    hits = []
    for raw in response["hits"]["hits"]:
        source = raw["_source"]
        marked = ranking.highlights(source, wanted) if wanted else {}
        hits.append(hit_from_source(source, marked))
    total = response["hits"]["total"]
    total = total["value"] if isinstance(total, dict) else int(total)
    return SearchResult(
        hits=hits,
        total=total,
        request=request,
        facets=parse_facets(response.get("aggregations") or {}, request),
        engine=engine,
    )


# -------------------------------------------------------------------------- autocomplete

AUTOCOMPLETE_GROUP_SIZE = 10


def _prefix_match(field: str, prefix: str):
    return Q("match", **{f"{field}.prefix": {"query": prefix, "operator": "and"}})


def autocomplete_body(prefix: str, limit: int = 8) -> dict:
    """Case titles (hits), focus areas and municipalities (aggregations) with words starting
    with the prefix's words; accent-insensitive through the folded edge n-grams."""
    title = _prefix_match("title", prefix)
    theme = _prefix_match("themes", prefix)
    municipality = _prefix_match("municipality", prefix)
    search = (
        Search()
        # The query admits all three kinds, so the aggregations see them; the hits are titles.
        .query(Q("bool", should=[title, theme, municipality], minimum_should_match=1))
        .post_filter(title)
        .source(["id", "title", "url"])
        .extra(track_total_hits=False)
    )[:limit]
    themes = A("filter", filter=theme)
    themes.bucket("values", "terms", field="facet_themes", size=AUTOCOMPLETE_GROUP_SIZE)
    municipalities = A("filter", filter=municipality)
    municipalities.bucket(
        "values", "terms", field="facet_municipality", size=AUTOCOMPLETE_GROUP_SIZE
    ).bucket("case", "top_hits", size=1, _source=["municipality_url"])
    search.aggs["themes"] = themes
    search.aggs["municipalities"] = municipalities
    return search.to_dict()


def label_matches(label: str, prefix: str) -> bool:
    """Each word of the prefix starts some word of the label (as the .prefix fields match)."""
    label_words = analysis.fold(label).split()
    return all(
        any(word.startswith(part) for word in label_words) for part in analysis.fold(prefix).split()
    )


def _fair_share(groups: list[list[Suggestion]], limit: int) -> list[Suggestion]:
    """Up to `limit` suggestions, the kinds taking turns for room, each kind kept together."""
    taken = [0] * len(groups)
    while sum(taken) < limit and any(
        n < len(group) for n, group in zip(taken, groups, strict=True)
    ):
        for number, group in enumerate(groups):
            if taken[number] < len(group) and sum(taken) < limit:
                taken[number] += 1
    return [item for group, n in zip(groups, taken, strict=True) for item in group[:n]]


def _by_label(suggestions: list[Suggestion]) -> list[Suggestion]:
    return sorted(suggestions, key=lambda s: s.label.lower().translate(_SWEDISH_ORDER))


def parse_autocomplete_response(response: dict, prefix: str, limit: int) -> list[Suggestion]:
    aggregations = response.get("aggregations") or {}
    themes = []
    for bucket in aggregations.get("themes", {}).get("values", {}).get("buckets", []):
        _slug, name, name_en, url = split_facet_key(bucket["key"])
        if url and label_matches(name, prefix):
            themes.append(Suggestion("theme", name, url, name_en))
    municipalities = []
    for bucket in aggregations.get("municipalities", {}).get("values", {}).get("buckets", []):
        _code, name, name_en, _url = split_facet_key(bucket["key"])
        cases = bucket.get("case", {}).get("hits", {}).get("hits", [])
        url = cases[0]["_source"].get("municipality_url", "") if cases else ""
        if url and label_matches(name, prefix):
            municipalities.append(Suggestion("municipality", name, url, name_en))
    cases = [
        Suggestion("case", raw["_source"].get("title", ""), raw["_source"]["url"])
        for raw in response["hits"]["hits"]
        if raw["_source"].get("url")
    ]
    return _fair_share([_by_label(themes), _by_label(municipalities), cases], limit)


# ------------------------------------------------------------------------------- related

RELATED_TEXT_FIELDS = ["title", "summary", "keywords", "themes", "body"]
# What related_body needs of the case itself.
RELATED_SOURCE = [*RELATED_TEXT_FIELDS, "id", "theme_slugs", "municipality_code"]


def related_body(document: dict, limit: int = 5) -> dict:
    """Cases like `document`: similar text or shared focus areas, never the case itself, other
    municipalities ranked first (the parser then keeps them strictly first)."""
    like = " ".join(
        " ".join(value) if isinstance(value, list) else str(value or "")
        for value in (document.get(field) for field in RELATED_TEXT_FIELDS)
    )
    similar = Q(
        "more_like_this",
        fields=RELATED_TEXT_FIELDS,
        like=[like],
        # The corpus is small (hundreds to thousands): rare words are the signal.
        min_term_freq=1,
        min_doc_freq=1,
        max_query_terms=30,
        minimum_should_match="10%",
    )
    shared_themes = Q("terms", theme_slugs=list(document.get("theme_slugs") or []), boost=2)
    query = Q(
        "bool",
        must=[Q("bool", should=[similar, shared_themes], minimum_should_match=1)],
        must_not=[Q("ids", values=[str(document["id"])])],
        should=[
            Q(
                "constant_score",
                filter=~Q("term", municipality_code=document.get("municipality_code") or ""),
                boost=10,
            )
        ],
    )
    return Search().query(query).source(HIT_SOURCE).extra(track_total_hits=False)[:limit].to_dict()


def parse_related_response(response: dict, document: dict) -> list[Hit]:
    hits = [hit_from_source(raw["_source"]) for raw in response["hits"]["hits"]]
    own = document.get("municipality_code")
    # Stable: score order within each group.
    return [hit for hit in hits if hit.municipality_code != own] + [
        hit for hit in hits if hit.municipality_code == own
    ]
