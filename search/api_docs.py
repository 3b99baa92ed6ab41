"""/oppna-data/api/: the OpenAPI document (search/openapi.py) as a page people can read.

Everything shown comes from the schema itself – endpoints, parameters with their bounds, response
fields – so the page cannot drift from the API; texts are translated at render time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cases.exchange.open_data import licence

from .openapi import schema

API_DOCS_PATH = "/oppna-data/api/"
# A value for each path parameter and a query in the curl examples.
EXAMPLE_VALUES = {"id": "123"}
EXAMPLE_QUERIES = {
    "/api/v1/sok/": "?q=mentor&status=ongoing&antal=5",
    "/api/v1/forslag/": "?q=sko",
}


@dataclass
class Parameter:
    name: str
    location: str
    type: str
    bounds: str
    description: str
    required: bool


@dataclass
class ResponseField:
    name: str
    type: str
    description: str


@dataclass
class Endpoint:
    method: str
    path: str
    anchor: str
    summary: str
    parameters: list[Parameter]
    responses: list[tuple[str, str]]
    fields: list[ResponseField] = field(default_factory=list)
    curl: str = ""


def bounds(schema_part: dict) -> str:
    """The limits of a parameter in words: range, length, number of values, allowed values."""
    items = schema_part.get("items") or {}
    parts = []
    if "minimum" in schema_part and "maximum" in schema_part:
        parts.append(f"{schema_part['minimum']}–{schema_part['maximum']}")
    if "maxLength" in schema_part:
        parts.append(_("at most %(n)s characters") % {"n": schema_part["maxLength"]})
    if "maxItems" in schema_part:
        parts.append(_("at most %(n)s values") % {"n": schema_part["maxItems"]})
    if "maxLength" in items:
        parts.append(_("each at most %(n)s characters") % {"n": items["maxLength"]})
    if "enum" in schema_part:
        parts.append(" | ".join(schema_part["enum"]))
    return "; ".join(parts)


def type_name(schema_part: dict, schemas: dict) -> str:
    if "$ref" in schema_part:
        return schema_part["$ref"].rsplit("/", 1)[-1]
    kind = schema_part.get("type", "object")
    if kind == "array":
        return f"array<{type_name(schema_part.get('items') or {}, schemas)}>"
    if schema_part.get("nullable"):
        return f"{kind} | null"
    return kind


def response_fields(schema_part: dict, schemas: dict, prefix: str = "") -> list[ResponseField]:
    """Every field of a response, nested ones as dotted names (arrays with [])."""
    if "$ref" in schema_part:
        schema_part = schemas[schema_part["$ref"].rsplit("/", 1)[-1]]
    rows = []
    for name, part in (schema_part.get("properties") or {}).items():
        full = f"{prefix}{name}"
        rows.append(ResponseField(full, type_name(part, schemas), part.get("description", "")))
        inner = part.get("items") if part.get("type") == "array" else part
        inner = inner or {}
        if ("$ref" in inner and prefix.count(".") < 2) or inner.get("properties"):
            marker = "[]" if inner is not part else ""
            rows += response_fields(inner, schemas, f"{full}{marker}.")
    return rows


REPEATABLE = " (repeat for several: any of them)"  # search/openapi.py's filter descriptions


def _parameter_description(parameter: dict) -> str:
    text = parameter.get("description", "")
    if text.endswith(REPEATABLE):
        return f"{_(text.removesuffix(REPEATABLE))} {_('(repeat for several: any of them)')}"
    if parameter.get("schema", {}).get("type") == "integer" and parameter["in"] == "query":
        return _("A number outside the range is clamped to it; anything but digits is ignored.")
    return _(text) if text else ""


def endpoints(document: dict, root: str) -> list[Endpoint]:
    schemas = document["components"]["schemas"]
    described = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            parameters = [
                Parameter(
                    name=p["name"],
                    location=p["in"],
                    type=type_name(p.get("schema") or {}, schemas),
                    bounds=bounds(p.get("schema") or {}),
                    description=_parameter_description(p),
                    required=bool(p.get("required")),
                )
                for p in operation.get("parameters", [])
            ]
            ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
            example = path.format(**EXAMPLE_VALUES) + EXAMPLE_QUERIES.get(path, "")
            described.append(
                Endpoint(
                    method=method.upper(),
                    path=path,
                    anchor=operation["operationId"],
                    summary=_(operation["summary"]),
                    parameters=parameters,
                    responses=[
                        (code, _(response["description"]))
                        for code, response in sorted(operation["responses"].items())
                    ],
                    fields=response_fields(ok, schemas),
                    curl=f"curl -s '{root}{example}'",
                )
            )
    return described


@require_GET
def api_docs(request):
    root = request.build_absolute_uri("/").rstrip("/")
    document = schema(root)
    context = {
        "page_title": _("The open API"),
        "endpoints": endpoints(document, root),
        "openapi_url": f"{root}/api/v1/openapi.json",
        "index_url": f"{root}/api/v1/",
        "rate_limit": settings.SEARCH_RATE_LIMIT_PER_MINUTE,
        "licence": licence(),
    }
    return render(request, "search/api_docs.html", context)
