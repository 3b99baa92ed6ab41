"""OpenAPI 3.0 description of the public API (served at /api/v1/openapi.json)."""

from __future__ import annotations

from django.utils.translation import gettext_noop as N_

from cases.choices import ImplementationStatus
from cases.params import MAX_ID

from .forms import FILTER_PARAMETERS
from .request import (
    FILTER_FIELDS,
    MAX_FILTER_VALUES,
    MAX_PAGE,
    MAX_PAGE_SIZE,
    MAX_TEXT_LENGTH,
    MAX_YEAR,
    MIN_YEAR,
)

NULLABLE_STRING = {"type": "string", "nullable": True}
NULLABLE_INT = {"type": "integer", "nullable": True}
NULLABLE_NUMBER = {"type": "number", "nullable": True}
FILTER_DESCRIPTIONS = {
    "tema": N_("Focus area slug, e.g. grundskola"),
    "nyckelord": N_("Keyword slug"),
    "kommun": N_("Municipality code (SCB), e.g. 1782"),
    "lan": N_("County code (SCB), e.g. 17"),
    "status": N_("planned, ongoing, completed or discontinued"),
    "malgrupp": N_("Target group slug"),
    "evidens": N_(
        "not_evaluated, promising, tried_in_several, evaluated_good, evaluated_mixed or "
        "no_effect: the level a case shows"
    ),
}


def _object(properties: dict, required: list[str] | None = None) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": required if required is not None else list(properties),
    }


def _array(items: dict) -> dict:
    return {"type": "array", "items": items}


def _named(code_key: str = "code") -> dict:
    return _object({code_key: {"type": "string"}, "name": {"type": "string"}})


SCHEMAS = {
    "Hit": _object(
        {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "url": {"type": "string"},
            "summary": {"type": "string"},
            "municipality": _named(),
            "county": _named(),
            "themes": _array({"type": "string"}),
            "status": {"type": "string"},
            "status_label": {"type": "string"},
            "start_year": NULLABLE_INT,
            "end_year": NULLABLE_INT,
            "is_example": {"type": "boolean"},
            "highlights": {
                "type": "object",
                "description": "Escaped HTML fragments with matched words in <mark>.",
                "additionalProperties": _array({"type": "string"}),
            },
            "api_url": {"type": "string"},
        }
    ),
    "FacetValue": _object(
        {
            "value": {"type": "string"},
            "label": {"type": "string"},
            "count": {"type": "integer", "minimum": 0},
            "selected": {"type": "boolean"},
        }
    ),
    "SearchResponse": _object(
        {
            "total": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "page_size": {"type": "integer", "minimum": 1, "maximum": 50},
            "page_count": {"type": "integer", "minimum": 1},
            "results": _array({"$ref": "#/components/schemas/Hit"}),
            "facets": {
                "type": "object",
                "additionalProperties": _array({"$ref": "#/components/schemas/FacetValue"}),
            },
            "suggestion": NULLABLE_STRING,
            "interpreted_filters": _array({"$ref": "#/components/schemas/InterpretedFilter"}),
            "searched_text": {
                **NULLABLE_STRING,
                "description": "The text searched when it differs from q: without the words read "
                "as filters, and with typos corrected.",
            },
            "corrected_from": {
                **NULLABLE_STRING,
                "description": "q as sent, when a typo correction was applied.",
            },
            "corrected_text": {
                **NULLABLE_STRING,
                "description": "q with its typos corrected, when that found clearly more.",
            },
            "literal_url": {
                **NULLABLE_STRING,
                "description": "The same search with no words read as filters (tolka=nej).",
            },
            "uncorrected_url": {
                **NULLABLE_STRING,
                "description": "The same search without typo correction (ratta=nej).",
            },
            "degraded": {"type": "boolean"},
            "ignored_filters": {
                **_array({"$ref": "#/components/schemas/IgnoredFilter"}),
                "description": "Filter values that name nothing on the site (no such focus area, "
                "county, …): the search ignored them, as the search page does.",
            },
            "links": _object(
                {
                    "self": {"type": "string"},
                    "first": NULLABLE_STRING,
                    "last": NULLABLE_STRING,
                    "previous": NULLABLE_STRING,
                    "next": NULLABLE_STRING,
                }
            ),
        }
    ),
    "IgnoredFilter": _object(
        {
            "field": {"type": "string", "enum": [*FILTER_FIELDS, "similar_to"]},
            "parameter": {"type": "string", "description": "The query parameter, e.g. lan."},
            "value": {"type": "string", "description": "The value as sent."},
        }
    ),
    "InterpretedFilter": _object(
        {
            "field": {
                "type": "string",
                "enum": ["themes", "municipalities", "counties", "statuses", "years"],
            },
            "parameter": {
                "type": "string",
                "description": "The query parameter of the filter (fran/till for years).",
            },
            "value": {"type": "string", "description": "Slug, code, status or year(s)."},
            "label": {"type": "string"},
            "words": {"type": "string", "description": "The words of q it was read from."},
        }
    ),
    "Case": _object(
        {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "url": {"type": "string"},
            "summary": {"type": "string"},
            "is_example": {"type": "boolean"},
            "municipality": _object(
                {
                    "code": {"type": "string"},
                    "name": {"type": "string"},
                    "county_code": {"type": "string"},
                    "county": {"type": "string"},
                }
            ),
            "themes": _array(_named("slug")),
            "keywords": _array({"type": "string"}),
            "target_groups": _array(_named("slug")),
            "status": {"type": "string"},
            "start_date": {**NULLABLE_STRING, "format": "date"},
            "end_date": {**NULLABLE_STRING, "format": "date"},
            "grant_amount_sek": NULLABLE_INT,
            "total_budget_sek": NULLABLE_INT,
            "partners": _array(_object({"name": {"type": "string"}, "kind": {"type": "string"}})),
            "evidence": _object(
                {
                    "level": {"type": "string"},
                    "label": {"type": "string"},
                    "chosen_level": {"type": "string"},
                    "chosen_label": {"type": "string"},
                    "criteria": {"type": "string"},
                    "evaluation_kind": {"type": "string"},
                    "about": {"type": "string"},
                }
            ),
            "sections": {"type": "object", "additionalProperties": {"type": "string"}},
            "indicators": _array(
                _object(
                    {
                        "name": {"type": "string"},
                        "unit": {"type": "string"},
                        "baseline": NULLABLE_NUMBER,
                        "target": NULLABLE_NUMBER,
                        "outcome": NULLABLE_NUMBER,
                        "year": NULLABLE_INT,
                    }
                )
            ),
            "follow_ups": _array(
                _object(
                    {
                        "year": {"type": "integer"},
                        "text": {"type": "string"},
                        "status_change": NULLABLE_STRING,
                        "discontinued_reason": NULLABLE_STRING,
                        "implementation_status": {
                            **NULLABLE_STRING,
                            "enum": [*ImplementationStatus.values, None],
                            "description": (
                                "How far the initiative had come that year; null when not recorded."
                            ),
                        },
                    }
                )
            ),
            "inspired_by": _array(
                _object(
                    {
                        "id": {"type": "integer"},
                        "title": {"type": "string"},
                        "note": {"type": "string"},
                    }
                )
            ),
            "contact": _object(
                {
                    "name": NULLABLE_STRING,
                    "role": NULLABLE_STRING,
                    "phone": NULLABLE_STRING,
                    "contactable": {
                        "type": "boolean",
                        "description": "True when the contact form reaches the contact person.",
                    },
                    "contact_url": {
                        **NULLABLE_STRING,
                        "format": "uri",
                        "description": (
                            "Absolute address of the contact form; null when contactable is "
                            "false. The e-mail address itself is never published."
                        ),
                    },
                }
            ),
            "attachments": _array(
                _object({"title": {"type": "string"}, "url": {"type": "string"}})
            ),
            "first_published_at": {**NULLABLE_STRING, "format": "date-time"},
            "last_published_at": {**NULLABLE_STRING, "format": "date-time"},
        }
    ),
    "Suggestions": _object(
        {
            "suggestions": _array(
                _object(
                    {
                        "kind": {"type": "string", "enum": ["case", "theme", "municipality"]},
                        "label": {"type": "string"},
                        "url": {"type": "string"},
                    }
                )
            )
        }
    ),
    "Error": _object({"error": {"type": "string"}}),
    "ApiIndex": _object(
        {
            "name": {"type": "string"},
            "version": {"type": "string"},
            "documentation": {"type": "string", "description": "The human-readable page."},
            "openapi": {"type": "string"},
            "endpoints": _array(
                _object(
                    {
                        "path": {"type": "string"},
                        "url": {"type": "string"},
                        "method": {"type": "string"},
                        "summary": {"type": "string"},
                    }
                )
            ),
        }
    ),
}

TOO_MANY = {
    "description": N_("Rate limit reached; see the Retry-After header."),
    "headers": {"Retry-After": {"schema": {"type": "integer"}}},
    "content": {"text/plain": {"schema": {"type": "string"}}},
}


def _json(ref: str, description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}},
    }


def _number(name: str, low: int, high: int, description: str) -> dict:
    """A number parameter as cases.params reads it: ASCII digits; outside the bounds clamped."""
    return {
        "name": name,
        "in": "query",
        "schema": {"type": "integer", "minimum": low, "maximum": high},
        "description": (
            f"{description}, {low}–{high}. A larger or smaller number is clamped to the range; "
            "anything that is not plain ASCII digits is ignored."
        ),
    }


def _search_parameters() -> list[dict]:
    parameters = [
        {
            "name": "q",
            "in": "query",
            "schema": {"type": "string", "maxLength": MAX_TEXT_LENGTH},
            "description": N_("Search words (longer text is cut)"),
        }
    ]
    for name in FILTER_PARAMETERS:
        parameters.append(
            {
                "name": name,
                "in": "query",
                "schema": {
                    **_array({"type": "string", "maxLength": 100}),
                    "maxItems": MAX_FILTER_VALUES,
                },
                "style": "form",
                "explode": True,
                "description": FILTER_DESCRIPTIONS[name] + " (repeat for several: any of them)",
            }
        )
    parameters += [
        _number("fran", MIN_YEAR, MAX_YEAR, "Active from year"),
        _number("till", MIN_YEAR, MAX_YEAR, "Active until year"),
        {
            "name": "resultat",
            "in": "query",
            "schema": {"type": "string", "enum": ["ja", "nej"]},
            "description": N_("With measured results"),
        },
        {
            "name": "liknar",
            "in": "query",
            "schema": {"type": "string", "maxLength": 100},
            "description": N_(
                "Municipality slug, e.g. filipstad: cases from that municipality and the ten "
                "most like it by key figures (ignored, and listed in ignored_filters, for an "
                "unknown municipality or one without key figures)"
            ),
        },
        {
            "name": "sortering",
            "in": "query",
            "schema": {"type": "string", "enum": ["relevans", "nyast", "start"]},
        },
        _number("sida", 1, MAX_PAGE, "Page"),
        _number("antal", 1, MAX_PAGE_SIZE, "Page size"),
    ]
    return parameters


def schema(server_url: str) -> dict:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Kunskapsbanken API",
            "version": "1",
            "description": (
                "Read-only access to the published cases of Kunskapsbanken: the same search, "
                "filters and facet counts as the search page /sok/, and every structured field of "
                "a case. Open to all origins; rate limited per client."
            ),
        },
        "servers": [{"url": server_url.rstrip("/")}],
        "paths": {
            "/api/v1/": {
                "get": {
                    "operationId": "apiIndex",
                    "summary": N_("The endpoints of the API, with links"),
                    "responses": {"200": _json("ApiIndex", N_("The index")), "429": TOO_MANY},
                }
            },
            "/api/v1/sok/": {
                "get": {
                    "operationId": "searchCases",
                    "summary": N_("Search published cases"),
                    "parameters": _search_parameters(),
                    "responses": {
                        "200": _json("SearchResponse", N_("Search results")),
                        "429": TOO_MANY,
                    },
                }
            },
            "/api/v1/insatser/{id}/": {
                "get": {
                    "operationId": "getCase",
                    "summary": N_("One published case with all structured fields"),
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                            "description": N_("Case id; anything else is answered with 404"),
                        }
                    ],
                    "responses": {
                        "200": _json("Case", N_("The case")),
                        "404": _json("Error", N_("No published case has this id")),
                        "429": TOO_MANY,
                    },
                }
            },
            "/api/v1/forslag/": {
                "get": {
                    "operationId": "suggest",
                    "summary": N_("Suggestions for a search box"),
                    "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}],
                    "responses": {"200": _json("Suggestions", N_("Suggestions")), "429": TOO_MANY},
                }
            },
        },
        "components": {"schemas": SCHEMAS},
    }
