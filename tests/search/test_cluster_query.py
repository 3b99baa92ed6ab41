"""The cluster engine's request bodies and response parsing, without a server.

The bodies are plain dicts built by search/cluster/query.py; these tests pin their key parts
(filters, post_filter against facet filters, fuzziness, highlighting, sorting). Behaviour against
a real cluster is in test_contract.py and test_cluster_analysis.py.
"""

import re

import pytest

from search.cluster import query
from search.cluster.analysis import compound_tail, compound_words, synonym_rules
from search.cluster.mapping import LABEL_SEPARATOR, case_index, index_source
from search.cluster.transport import make_transport
from search.engines.base import SearchUnavailable
from search.request import FACETS, FacetValue, SearchRequest


def _body(**fields) -> dict:
    return query.search_body(SearchRequest(**fields).normalised())


def _find(node, key):
    """Every value stored under `key` anywhere in a nested body."""
    if isinstance(node, dict):
        for name, value in node.items():
            if name == key:
                yield value
            yield from _find(value, key)
    elif isinstance(node, list):
        for item in node:
            yield from _find(item, key)


def _facet_aggs(body) -> dict[str, tuple[dict, list]]:
    """facet -> (its terms aggregation, the filters wrapped around it)."""
    found = {}
    for name, agg in body["aggs"].items():
        if name.startswith(query.FACET_AGG_PREFIX):
            found[name.removeprefix(query.FACET_AGG_PREFIX)] = (agg, [])
            continue
        filters = agg["filter"]["bool"]["filter"]
        for inner, terms in agg["aggs"].items():
            found[inner.removeprefix(query.FACET_AGG_PREFIX)] = (terms, filters)
    return found


# Bodies: listing without text


def test_listing_body_has_no_text_query_and_sorts_newest_first():
    body = _body(page=3, page_size=10)
    assert body["query"] == {"match_all": {}}
    assert body["sort"] == [
        {"published_at": {"order": "desc", "missing": "_last"}},
        {"id": {"order": "desc"}},
    ]
    assert (body["from"], body["size"]) == (20, 10)
    assert body["track_total_hits"] is True
    assert body["_source"] == query.HIT_SOURCE
    assert "highlight" not in body and "suggest" not in body and "post_filter" not in body


def test_without_filters_every_facet_is_a_plain_terms_aggregation():
    facets = _facet_aggs(_body())
    assert set(facets) == set(FACETS)
    assert all(filters == [] for _agg, filters in facets.values())
    assert facets["themes"][0] == {"terms": {"field": "facet_themes", "size": 50}}
    assert facets["start_years"][0]["terms"]["order"] == {"_key": "desc"}


# Filters: post_filter for hits, all *other* filters for each facet


def test_filters_go_to_post_filter_and_each_facet_ignores_its_own():
    body = _body(themes=("grundskola",), statuses=("ongoing", "planned"))
    theme = {"terms": {"theme_slugs": ["grundskola"]}}
    status = {"terms": {"status": ["ongoing", "planned"]}}
    assert body["post_filter"] == {"bool": {"filter": [theme, status]}}
    facets = _facet_aggs(body)
    assert facets["themes"][1] == [status]
    assert facets["statuses"][1] == [theme]
    for name in set(FACETS) - {"themes", "statuses"}:
        assert facets[name][1] == [theme, status], name
    # Facets sharing the same other filters share one filter aggregation.
    assert len([name for name in body["aggs"] if not name.startswith("facet__")]) == 3


def test_every_filter_field_has_its_clause():
    body = _body(
        themes=("a",),
        keywords=("b",),
        municipalities=("1782",),
        counties=("17",),
        statuses=("ongoing",),
        target_groups=("barn",),
        evidence_levels=("promising",),
        has_indicators=False,
    )
    clauses = body["post_filter"]["bool"]["filter"]
    assert {"terms": {"keyword_slugs": ["b"]}} in clauses
    assert {"terms": {"municipality_code": ["1782"]}} in clauses
    assert {"terms": {"county_code": ["17"]}} in clauses
    assert {"terms": {"target_group_slugs": ["barn"]}} in clauses
    assert {"terms": {"evidence_level": ["promising"]}} in clauses
    assert {"term": {"has_indicators": False}} in clauses


def test_year_range_keeps_cases_active_in_the_range():
    (clause,) = _body(year_from=2025, year_to=2024)["post_filter"]["bool"]["filter"]
    # Normalising swapped the years: active in 2024-2025.
    assert clause == {
        "bool": {
            "filter": [
                {"exists": {"field": "start_year"}},
                {"range": {"start_year": {"lte": 2025}}},
                {
                    "bool": {
                        "should": [
                            {"bool": {"must_not": [{"exists": {"field": "end_year"}}]}},
                            {"range": {"end_year": {"gte": 2024}}},
                        ]
                    }
                },
            ]
        }
    }
    only_from = _body(year_from=2024)["post_filter"]["bool"]["filter"][0]["bool"]["filter"]
    assert len(only_from) == 2 and "range" not in only_from[1]


# The text query


def _recall(body) -> list[dict]:
    recall = body["query"]["bool"]["must"][0]["bool"]
    assert recall["minimum_should_match"] == 1
    return recall["should"]


def test_every_word_must_match_in_the_description_or_in_the_body():
    cross, in_body, *folded = _recall(_body(text="Läxhjälp i skolan"))
    assert cross["multi_match"]["type"] == "cross_fields"
    assert cross["multi_match"]["operator"] == "and"
    # Stop words are left out, as on the database engine.
    assert cross["multi_match"]["query"] == "läxhjälp skolan"
    assert "title^4" in cross["multi_match"]["fields"]
    assert "body" not in " ".join(cross["multi_match"]["fields"])
    assert in_body == {"match": {"body": {"query": "läxhjälp skolan", "operator": "and"}}}
    # Accents are optional in the first pass already; typos are not.
    assert [next(iter(clause["match"])) for clause in folded] == [
        "description_folded",
        "body.folded",
    ]
    assert not list(_find(folded, "fuzziness"))


def test_the_second_pass_forgives_one_typo_per_word_and_suggests():
    request = SearchRequest(text="brobygare").normalised()
    body = query.search_body(request, typos=True)
    *_exact, description, in_body = _recall(body)
    for clause, field in ((description, "description_folded"), (in_body, "body.folded")):
        params = clause["match"][field]
        assert params["fuzziness"] == 1 and params["prefix_length"] == 1
        assert params["operator"] == "and"
    assert body["suggest"]["did_you_mean"]["term"]["field"] == "spelling"
    assert "suggest" not in query.search_body(request)


def test_only_stop_words_match_nothing():
    assert _body(text="och i")["query"] == {"match_none": {}}


def test_phrase_and_whole_words_only_add_to_the_score():
    should = _body(text="brobyggare i skolan")["query"]["bool"]["should"]
    types = {clause["multi_match"]["type"]: clause["multi_match"] for clause in should}
    assert types["phrase"]["query"] == "brobyggare i skolan"
    assert types["phrase"]["boost"] > 1
    assert all(field.split("^")[0].endswith(".folded") for field in types["best_fields"]["fields"])


def test_compound_words_are_also_searched_by_their_last_part():
    assert compound_tail("integrationssamordnaren") == "samordnaren"
    assert compound_tail("idrottsklubbarna") == "klubbarna"
    # Listed words and place names stay whole.
    assert compound_tail("brobyggarna") is None
    assert compound_tail("hällefors") is None and compound_tail("hallefors") is None
    assert query.recall_texts("integrationssamordnaren Fagersta") == [
        "integrationssamordnaren fagersta",
        "samordnaren fagersta",
    ]
    variants = [
        clause["multi_match"]["query"]
        for clause in _recall(_body(text="idrottsklubbarna"))
        if "multi_match" in clause
    ]
    assert variants == ["idrottsklubbarna", "klubbarna"]


def test_highlights_escape_the_text_and_mark_with_mark():
    highlight = _body(text="brobyggare")["highlight"]
    assert highlight["encoder"] == "html"
    assert (highlight["pre_tags"], highlight["post_tags"]) == (["<mark>"], ["</mark>"])
    assert set(highlight["fields"]) == {"title", "summary", "body"}


def test_did_you_mean_suggester_only_with_text():
    request = SearchRequest(text="brobigare").normalised()
    suggest = query.search_body(request, typos=True)["suggest"]["did_you_mean"]
    assert suggest["text"] == "brobigare"
    assert suggest["term"]["suggest_mode"] == "missing"
    assert "suggest" not in query.search_body(SearchRequest().normalised(), typos=True)


@pytest.mark.parametrize(
    ("sort", "first"),
    [
        ("relevance", "_score"),
        ("newest", {"published_at": {"order": "desc", "missing": "_last"}}),
        ("start_date", {"start_date": {"order": "desc", "missing": "_last"}}),
    ],
)
def test_sorts(sort, first):
    sorts = _body(text="skola", sort=sort)["sort"]
    assert sorts[0] == first
    assert sorts[-1] == {"id": {"order": "desc"}}


def test_no_scripts_anywhere():
    body = _body(text="skola", themes=("grundskola",), year_from=2020, sort="start_date")
    assert not list(_find(body, "script"))
    assert not list(_find(query.related_body(_related_document(), 5), "script"))


# Parsing


def _response(total=1, suggest=None, **aggregations):
    return {
        "hits": {
            "total": {"value": total, "relation": "eq"},
            "hits": [
                {
                    "_id": "7",
                    "_source": {
                        "id": 7,
                        "title": "Brobyggare i skolan",
                        "url": "/kommuner/filipstad/brobyggare-i-skolan/",
                        "summary": "Text",
                        "municipality": "Filipstad",
                        "municipality_code": "1782",
                        "county": "Värmlands län",
                        "county_code": "17",
                        "themes": ["Grundskola"],
                        "status": "ongoing",
                        "start_year": 2019,
                        "end_year": None,
                    },
                    "highlight": {"title": ["<mark>Brobyggare</mark> i skolan"]},
                }
            ][:total],
        },
        "aggregations": aggregations,
        **({"suggest": suggest} if suggest else {}),
    }


def test_parse_hits_and_highlights():
    result = query.parse_search_response(
        _response(), SearchRequest(text="brobyggare").normalised(), engine="opensearch"
    )
    (hit,) = result.hits
    assert (hit.page_id, hit.municipality_code, hit.themes) == (7, "1782", ["Grundskola"])
    assert hit.highlights == {"title": ["<mark>Brobyggare</mark> i skolan"]}
    assert (result.total, result.engine, result.suggestion) == (1, "opensearch", None)


def test_parse_facets_with_labels_selection_and_nested_filters():
    request = SearchRequest(
        themes=("grundskola", "vuxenutbildning"), statuses=("ongoing",), year_from=2020
    ).normalised()
    aggregations = {
        "others_0": {
            "doc_count": 3,
            "facet__themes": {
                "buckets": [
                    {"key": f"grundskola{LABEL_SEPARATOR}Grundskola", "doc_count": 2},
                    {"key": f"folkhalsa{LABEL_SEPARATOR}Folkhälsa", "doc_count": 2},
                ]
            },
        },
        "others_1": {
            "doc_count": 3,
            "facet__statuses": {"buckets": [{"key": "ongoing", "doc_count": 3}]},
            "facet__has_indicators": {
                "buckets": [{"key": 1, "key_as_string": "true", "doc_count": 3}]
            },
            "facet__start_years": {"buckets": [{"key": 2021, "doc_count": 1}]},
        },
    }
    facets = query.parse_facets(aggregations, request)
    assert facets["themes"] == [
        FacetValue("folkhalsa", "Folkhälsa", 2, False),
        FacetValue("grundskola", "Grundskola", 2, True),
        # Selected but matching nothing now: still shown, so it can be unselected.
        FacetValue("vuxenutbildning", "vuxenutbildning", 0, True),
    ]
    assert facets["statuses"] == [FacetValue("ongoing", "Pågående", 3, True)]
    assert facets["has_indicators"][0].value == "true"
    assert facets["start_years"] == [FacetValue("2021", "2021", 1, True)]


def test_suggestion_only_when_nothing_matched():
    suggest = {"did_you_mean": [{"text": "brobigare", "options": [{"text": "brobyggare"}]}]}
    request = SearchRequest(text="brobigare").normalised()
    assert query.parse_search_response(_response(0, suggest), request).suggestion == "brobyggare"
    assert query.parse_search_response(_response(1, suggest), request).suggestion is None
    unknown = {"did_you_mean": [{"text": "xyzzy", "options": []}]}
    assert query.parse_search_response(_response(0, unknown), request).suggestion is None


# Autocomplete and related


def test_autocomplete_body_and_parsing():
    body = query.autocomplete_body("hallef", 8)
    assert body["post_filter"] == {
        "match": {"title.prefix": {"query": "hallef", "operator": "and"}}
    }
    assert body["size"] == 8 and body["track_total_hits"] is False
    response = {
        "hits": {"hits": [{"_source": {"title": "Hällefors fritid", "url": "/k/h/f/"}}]},
        "aggregations": {
            "themes": {"values": {"buckets": [{"key": f"x{LABEL_SEPARATOR}Folkhälsa"}]}},
            "municipalities": {
                "values": {
                    "buckets": [
                        {
                            "key": f"1863{LABEL_SEPARATOR}Hällefors",
                            "case": {"hits": {"hits": [{"_source": {"url": "/k/hallefors/c/"}}]}},
                        }
                    ]
                }
            },
        },
    }
    suggestions = query.parse_autocomplete_response(response, "hallef", 8, lambda s: f"/t/{s}/")
    assert [(s.kind, s.label, s.url) for s in suggestions] == [
        ("municipality", "Hällefors", "/k/hallefors/"),
        ("case", "Hällefors fritid", "/k/h/f/"),
    ]


def _related_document():
    return {
        "id": 17,
        "title": "Brobyggare i skolan",
        "theme_slugs": ["grundskola"],
        "municipality_code": "1782",
        "body": "text",
    }


def test_related_body_excludes_the_case_and_prefers_other_municipalities():
    body = query.related_body(_related_document(), 5)
    clauses = body["query"]["bool"]
    assert clauses["must_not"] == [{"ids": {"values": ["17"]}}]
    similar, themes = clauses["must"][0]["bool"]["should"]
    assert "more_like_this" in similar
    assert themes["terms"]["theme_slugs"] == ["grundskola"]
    (elsewhere,) = clauses["should"]
    assert elsewhere["constant_score"]["filter"] == {
        "bool": {"must_not": [{"term": {"municipality_code": "1782"}}]}
    }
    response = {
        "hits": {
            "hits": [
                {"_source": {"id": i, "municipality_code": code}}
                for i, code in [(1, "1782"), (2, "2104"), (3, "1782"), (4, "0114")]
            ]
        }
    }
    hits = query.parse_related_response(response, _related_document())
    assert [hit.page_id for hit in hits] == [2, 4, 1, 3]


# Index definition and data files


def test_index_definition():
    body = case_index("kb-cases-1").to_dict()
    settings, properties = body["settings"], body["mappings"]["properties"]
    assert settings["number_of_shards"] == 1
    analysis = settings["analysis"]
    assert analysis["analyzer"]["sv_search"]["filter"] == ["lowercase", "sv_stemmer", "sv_synonyms"]
    decompound = analysis["filter"]["sv_decompound"]
    assert decompound["only_longest_match"] is True and decompound["min_subword_size"] == 4
    assert analysis["filter"]["sv_synonyms"]["type"] == "synonym_graph"
    assert properties["title"]["analyzer"] == "sv_index"
    assert properties["title"]["search_analyzer"] == "sv_search"
    assert set(properties["title"]["fields"]) == {"folded", "prefix"}
    for name in ("summary", "body", "lessons", "municipality", "county", "themes", "keywords"):
        assert properties[name]["fields"]["folded"]["analyzer"] == "sv_folded", name
    for name in ("theme_slugs", "municipality_code", "status", "evidence_level"):
        assert properties[name]["type"] == "keyword", name
    assert properties["start_year"]["type"] == "integer"
    assert properties["has_indicators"]["type"] == "boolean"
    assert properties["published_at"]["type"] == "date"


def test_index_source_adds_labelled_facet_pairs():
    source = index_source(
        {
            "id": 1,
            "themes": ["Grundskola"],
            "theme_slugs": ["grundskola"],
            "municipality": "Filipstad",
            "municipality_code": "1782",
            "county": "",
            "county_code": "",
        }
    )
    assert source["facet_themes"] == [f"grundskola{LABEL_SEPARATOR}Grundskola"]
    assert source["facet_municipality"] == [f"1782{LABEL_SEPARATOR}Filipstad"]
    assert source["facet_county"] == [] and source["facet_keywords"] == []


def test_word_list_is_sorted_lower_case_and_of_sensible_size():
    words = compound_words()
    assert 10_000 <= len(words) <= 40_000
    assert list(words) == sorted(set(words))
    assert all(re.fullmatch(r"[a-zåäöéü]{4,}", word) for word in words)
    assert {"samordnare", "klubb", "integration", "brobyggare"} <= set(words)


def test_synonym_rules_are_solr_rules_without_stop_words():
    rules = synonym_rules()
    assert 20 <= len(rules) <= 40
    assert "stadsdel, bostadsområde" in rules
    assert "sfi, svenska invandrare" in rules
    assert all(re.fullmatch(r"[\wåäöé -]+(, [\wåäöé -]+)*( => [\wåäöé ,-]+)?", r) for r in rules)


# Transports: a cluster that does not answer is SearchUnavailable (a real refused connection)


@pytest.mark.parametrize("kind", ["opensearch", "elasticsearch"])
def test_unreachable_cluster_is_search_unavailable(kind):
    transport = make_transport(kind, "http://127.0.0.1:9", search_timeout=0.5)
    with pytest.raises(SearchUnavailable):
        transport.search("kb-cases", {"query": {"match_all": {}}})
    with pytest.raises(SearchUnavailable):
        transport.bulk([{"delete": {"_index": "kb-cases", "_id": "1"}}])
