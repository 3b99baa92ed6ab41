"""The cluster engine's request bodies and response parsing, without a server.

The bodies are plain dicts built by search/cluster/query.py; these tests pin their key parts
(filters, post_filter against facet filters, fuzziness, highlighting, sorting). Behaviour against
a real cluster is in test_contract.py and test_cluster_analysis.py.
"""

import pytest

from search import ranking
from search.analysis import parse_query
from search.cluster import query
from search.cluster.mapping import (
    LABEL_SEPARATOR,
    PAIR_FIELDS,
    TERM_FIELDS,
    case_index,
    facet_key,
    index_source,
)
from search.cluster.transport import make_transport
from search.engines.base import SearchUnavailable
from search.request import FACETS, FacetValue, SearchRequest


def _body(**fields) -> dict:
    request = SearchRequest(**fields).normalised()
    return query.search_body(request, parse_query(request.text) if request.text else None)


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
        if name == query.CHOSEN_LABELS:
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
    wrappers = [name for name in body["aggs"] if not name.startswith("facet__")]
    assert len(wrappers) == 4 and query.CHOSEN_LABELS in wrappers  # and the chosen values' labels


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


# The text query: search/ranking.py's rule over the pre-analysed terms


def _core(body) -> dict:
    """The bool of the query terms (inside the coverage function_score and the pair bonus)."""
    node = body["query"]
    if "function_score" in node:
        node = node["function_score"]["query"]
    if "must" in node["bool"]:
        node = node["bool"]["must"][0]
    return node["bool"]


def test_one_clause_per_query_term_and_a_minimum_to_match():
    core = _core(_body(text="läxhjälp i skolan för nyanlända elever"))
    # Stop words do not count: four terms, of which three must match.
    assert len(core["should"]) == 4
    assert core["minimum_should_match"] == 3
    assert _core(_body(text="läxhjälp skolan"))["minimum_should_match"] == 2


def test_a_term_matches_its_analysed_form_in_any_weighted_field():
    (clause,) = _core(_body(text="läxhjälp"))["should"]
    exact = clause["dis_max"]["queries"][0]["bool"]["should"]
    fields = {next(iter(q["term"])): q["term"][next(iter(q["term"]))] for q in exact}
    assert set(fields) == set(TERM_FIELDS.values())
    assert {value["value"] for value in fields.values()} == {"läxhjälp"}
    assert fields["terms_title"]["boost"] > fields["terms_summary"]["boost"]
    assert fields["terms_place"]["boost"] > fields["terms_body"]["boost"]


def test_longer_words_may_have_one_typo_with_a_low_weight():
    (clause,) = _core(_body(text="läxhjälp"))["should"]
    fuzzy = clause["dis_max"]["queries"][-1]["bool"]
    assert fuzzy["boost"] == query.FUZZY_WEIGHT < 1
    params = fuzzy["should"][0]["match"]["description_folded"]
    assert (params["fuzziness"], params["prefix_length"]) == (1, 1)
    # Short words are matched exactly only.
    (short,) = _core(_body(text="sfi"))["should"]
    assert "fuzziness" not in str(short)


def test_compound_parts_and_synonyms_are_alternatives_needing_all_their_terms():
    (clause,) = _core(_body(text="skolfrånvaro"))["should"]
    alternatives = clause["dis_max"]["queries"]
    parts = [q for q in alternatives if "must" in q.get("bool", {})]
    assert parts and all(len(q["bool"]["must"]) >= 2 for q in parts)


def test_neighbouring_words_add_a_pair_bonus_and_all_words_multiply():
    body = _body(text="digital kompetens")
    scoring = body["query"]["function_score"]
    assert scoring["boost_mode"] == "multiply"
    (coverage,) = scoring["functions"]
    assert coverage["weight"] == 1 + ranking.COVERAGE_BONUS
    pairs = scoring["query"]["bool"]["should"]
    assert {next(iter(q["term"])) for q in pairs} == set(PAIR_FIELDS.values())


def test_only_stop_words_match_nothing_and_no_text_matches_all():
    assert _body(text="och i")["query"] == {"match_none": {}}
    assert _body()["query"] == {"match_all": {}}


def test_hits_carry_the_body_for_snippets_only_with_text():
    assert "body" in _body(text="skola")["_source"]
    assert "body" not in _body()["_source"]
    assert "highlight" not in _body(text="skola")


def test_did_you_mean_is_a_separate_suggestion_body():
    suggest = query.suggestion_body("brobigare")
    assert suggest["suggest"]["did_you_mean"]["text"] == "brobigare"
    assert suggest["suggest"]["did_you_mean"]["term"]["suggest_mode"] == "missing"
    assert suggest["size"] == 0


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


def test_parse_hits_and_highlight_them_with_the_analysis():
    request = SearchRequest(text="brobyggarna").normalised()
    wanted = frozenset(ranking.all_terms(parse_query(request.text)))
    result = query.parse_search_response(_response(), request, engine="opensearch", wanted=wanted)
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
        # The chosen values as a document with each names them (a global aggregation).
        query.CHOSEN_LABELS: {
            "doc_count": 9,
            "labels__themes__1": {
                "doc_count": 4,
                "case": {
                    "hits": {
                        "hits": [
                            {
                                "_source": {
                                    "theme_slugs": ["folkhalsa", "vuxenutbildning"],
                                    "themes": ["Folkhälsa", "Komvux"],
                                    "themes_en": ["Public health", "Adult"],
                                }
                            }
                        ]
                    }
                },
            },
        },
    }
    facets = query.parse_facets(aggregations, request)
    assert facets["themes"] == [
        FacetValue("folkhalsa", "Folkhälsa", 2, False, "Folkhälsa"),
        FacetValue("grundskola", "Grundskola", 2, True, "Grundskola"),
        # Selected but matching nothing now: still shown, so it can be unselected.
        FacetValue("vuxenutbildning", "Komvux", 0, True, "Adult"),
    ]
    assert facets["statuses"] == [FacetValue("ongoing", "Pågående", 3, True, "Pågående")]
    assert facets["has_indicators"][0].value == "true"
    assert facets["start_years"] == [FacetValue("2021", "2021", 1, True, "2021")]


def test_chosen_values_are_labelled_from_every_document():
    body = _body(themes=("grundskola", "<x>.*"), municipalities=("1782",))
    chosen = body["aggs"][query.CHOSEN_LABELS]
    assert "global" in chosen
    assert set(chosen["aggs"]) == {
        "labels__themes__0",
        "labels__themes__1",
        "labels__municipalities__0",
    }
    first = chosen["aggs"]["labels__themes__0"]
    assert first["filter"] == {"term": {"theme_slugs": "grundskola"}}
    assert first["aggs"]["case"]["top_hits"]["_source"] == ["theme_slugs", "themes", "themes_en"]


def test_suggestion_replaces_unknown_words():
    suggest = {"did_you_mean": [{"text": "brobigare", "options": [{"text": "brobyggare"}]}]}
    assert query.parse_suggestion(_response(0, suggest)) == "brobyggare"
    unknown = {"did_you_mean": [{"text": "xyzzy", "options": []}]}
    assert query.parse_suggestion(_response(0, unknown)) is None


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
            "themes": {
                "values": {
                    "buckets": [
                        {"key": facet_key("x", "Folkhälsa", "Public health", "/t/x/")},
                        {"key": facet_key("h", "Hälsa i Hallefjord", "Health", "/t/h/")},
                    ]
                }
            },
            "municipalities": {
                "values": {
                    "buckets": [
                        {
                            "key": facet_key("1863", "Hällefors"),
                            "case": {
                                "hits": {
                                    "hits": [{"_source": {"municipality_url": "/k/hallefors/"}}]
                                }
                            },
                        }
                    ]
                }
            },
        },
    }
    suggestions = query.parse_autocomplete_response(response, "hallef", 8)
    assert [(s.kind, s.label, s.label_en, s.url) for s in suggestions] == [
        ("theme", "Hälsa i Hallefjord", "Health", "/t/h/"),
        ("municipality", "Hällefors", "Hällefors", "/k/hallefors/"),
        ("case", "Hällefors fritid", "", "/k/h/f/"),
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
    settings, mappings = body["settings"], body["mappings"]
    properties = mappings["properties"]
    assert settings["number_of_shards"] == 1
    for name in TERM_FIELDS.values():
        assert properties[name]["analyzer"] == "whitespace", name
    assert mappings["_source"] == {"excludes": ["terms_*"]}
    assert set(properties["title"]["fields"]) == {"folded", "prefix"}
    for name in ("summary", "body", "municipality", "county", "themes", "keywords"):
        assert properties[name]["fields"]["folded"]["analyzer"] == "sv_folded", name
    for name in ("theme_slugs", "municipality_code", "status", "evidence_level"):
        assert properties[name]["type"] == "keyword", name
    assert properties["start_year"]["type"] == "integer"
    assert properties["has_indicators"]["type"] == "boolean"
    assert properties["published_at"]["type"] == "date"


def test_index_source_holds_the_analysed_terms_of_each_field():
    source = index_source(
        {"id": 1, "title": "Skolfrånvaron minskar", "summary": "", "body": "Brobyggarna"}
    )
    assert set(source["terms_title"].split()) >= {"skol", "frånvaro"}
    assert source["terms_body"] == "brobygg"


def test_index_source_adds_labelled_facet_pairs():
    source = index_source(
        {
            "id": 1,
            "themes": ["Grundskola"],
            "themes_en": ["Compulsory school"],
            "theme_slugs": ["grundskola"],
            "theme_urls": ["/teman/grundskola/"],
            "municipality": "Filipstad",
            "municipality_code": "1782",
            "county": "",
            "county_code": "",
        }
    )
    sep = LABEL_SEPARATOR
    assert source["facet_themes"] == [
        f"grundskola{sep}Grundskola{sep}Compulsory school{sep}/teman/grundskola/"
    ]
    assert source["facet_municipality"] == [f"1782{sep}Filipstad{sep}Filipstad{sep}"]
    assert source["facet_county"] == [] and source["facet_keywords"] == []


# Transports: a cluster that does not answer is SearchUnavailable (a real refused connection)


@pytest.mark.parametrize("kind", ["opensearch", "elasticsearch"])
def test_unreachable_cluster_is_search_unavailable(kind):
    transport = make_transport(kind, "http://127.0.0.1:9", search_timeout=0.5)
    with pytest.raises(SearchUnavailable):
        transport.search("kb-cases", {"query": {"match_all": {}}})
    with pytest.raises(SearchUnavailable):
        transport.bulk([{"delete": {"_index": "kb-cases", "_id": "1"}}])
