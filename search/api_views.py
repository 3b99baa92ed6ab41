"""The read-only JSON API: search (same parameters and answers as /sok/), one case, suggestions.

Documented by the OpenAPI schema at /api/v1/openapi.json (search/openapi.py). Open to every origin
for GET, rate limited per client like the search page.
"""

from dataclasses import replace
from functools import wraps

from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from cases.models import public_cases
from cases.params import parse_id
from key_figures import neighbours

from .api_docs import API_DOCS_PATH
from .case_data import case_data
from .forms import SIMILAR_PARAMETER, request_from_params
from .known_values import split_unknown
from .labels import suggestions_in_visitor_language
from .notices import understanding
from .openapi import schema
from .presentation import FIELD_PARAMETER, url_for
from .ratelimit import rate_limited
from .request import Hit, SearchResult
from .service import autocomplete as autocomplete_service
from .service import search_cases

PARAMETERS = {**FIELD_PARAMETER, "similar_to": SIMILAR_PARAMETER}


def open_to_all_origins(view):
    """CORS for a public, read-only, cookie-less API: any origin may GET it."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = JsonResponse({})
        else:
            response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Accept, Content-Type"
        response["Access-Control-Max-Age"] = "86400"
        return response

    return wrapper


def api_view(scope):
    def decorator(view):
        # Read-only and cookie-less: CSRF protection has nothing to protect, and would answer
        # other methods with 403 where 405 Method Not Allowed is the truth.
        return csrf_exempt(
            require_http_methods(["GET", "OPTIONS"])(open_to_all_origins(rate_limited(scope)(view)))
        )

    return decorator


def hit_data(request, hit: Hit) -> dict:
    return {
        "id": hit.page_id,
        "title": hit.title,
        "url": request.build_absolute_uri(hit.url),
        "summary": hit.summary,
        "municipality": {"code": hit.municipality_code, "name": hit.municipality},
        "county": {"code": hit.county_code, "name": hit.county},
        "themes": hit.themes,
        "status": hit.status,
        "status_label": hit.status_label,
        "start_year": hit.start_year,
        "end_year": hit.end_year,
        "is_example": hit.is_example,
        "highlights": hit.highlights,
        "api_url": request.build_absolute_uri(f"/api/v1/insatser/{hit.page_id}/"),
    }


def result_data(request, result: SearchResult, ignored: dict[str, list[str]] | None = None) -> dict:
    search = result.request
    base = request.build_absolute_uri(request.path)

    def link(page):
        return base + url_for(search, page=page) if 1 <= page <= result.page_count else None

    return {
        "total": result.total,
        "page": search.page,
        "page_size": search.page_size,
        "page_count": result.page_count,
        "results": [hit_data(request, hit) for hit in result.hits],
        "facets": {
            field: [
                {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                for v in values
            ]
            for field, values in result.facets.items()
        },
        "suggestion": result.suggestion,
        **understanding_data(result, base),
        "degraded": result.degraded,
        "ignored_filters": [
            {"field": field, "parameter": PARAMETERS[field], "value": value}
            for field, values in (ignored or {}).items()
            for value in values
        ],
        "links": {
            "self": link(search.page) or base + url_for(search, page=search.page),
            "first": link(1),
            "last": link(result.page_count),
            "previous": link(search.page - 1),
            "next": link(search.page + 1),
        },
    }


def understanding_data(result: SearchResult, base: str) -> dict:
    """How the query was understood: the same facts the search page shows (search/notices.py)."""
    told = understanding(result.request, result)
    return {
        "interpreted_filters": [
            {
                "field": chip.field,
                "parameter": chip.parameter,
                "value": chip.value,
                "label": chip.label,
                "words": chip.words,
            }
            for chip in told.chips
        ],
        "searched_text": result.searched_text,
        "corrected_from": result.request.text if told.corrected_text else None,
        "corrected_text": told.corrected_text,
        "literal_url": base + told.literal_url if told.literal_url else None,
        "uncorrected_url": base + told.uncorrected_url if told.uncorrected_url else None,
    }


def with_similar_municipalities(search_request, ignored: dict[str, list[str]]):
    """`liknar=<slug>` as the municipality filter it stands for – the municipality and the ones
    most like it – so the result's links carry those codes. A slug that names no municipality,
    or one without key figures, joins `ignored`."""
    slug = search_request.similar_to
    search_request = replace(search_request, similar_to="")
    found = neighbours.search_codes(slug) if slug else None
    if found and found[1]:
        return replace(search_request, municipalities=(*search_request.municipalities, *found[1]))
    if slug:
        ignored["similar_to"] = [slug]
    return search_request


@api_view("api")
def search(request):
    # As on the page: a filter value that names nothing on the site is ignored, and said so.
    search_request, ignored = split_unknown(request_from_params(request.GET))
    result = search_cases(with_similar_municipalities(search_request, ignored))
    return JsonResponse(
        result_data(request, result, ignored), json_dumps_params={"ensure_ascii": False}
    )


@api_view("api")
def case_detail(request, page_id: str):
    # Any path segment reaches this view, so a malformed id gets the API's JSON 404 too.
    number = parse_id(page_id)
    page = None if number is None else public_cases().filter(pk=number).first()
    if page is None:
        return JsonResponse({"error": _("No published case has this id.")}, status=404)
    return JsonResponse(case_data(request, page), json_dumps_params={"ensure_ascii": False})


@api_view("autocomplete")
def autocomplete(request):
    """Suggestions for the search box's combobox (and anyone else's)."""
    suggestions = suggestions_in_visitor_language(
        autocomplete_service(request.GET.get("q", ""), limit=8)
    )
    return JsonResponse(
        {"suggestions": [{"kind": s.kind, "label": s.label, "url": s.url} for s in suggestions]},
        json_dumps_params={"ensure_ascii": False},
    )


@api_view("api")
def index(request):
    """/api/v1/: what the API offers, each endpoint with its address and the documentation."""
    root = request.build_absolute_uri("/").rstrip("/")
    document = schema(root)
    endpoints = [
        {
            "path": path,
            "url": root + path,  # a URI template where the path has {id}
            "method": method.upper(),
            "summary": operation["summary"],
        }
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
    ]
    endpoints.append(
        {
            "path": "/api/v1/openapi.json",
            "url": request.build_absolute_uri(reverse("api_schema")),
            "method": "GET",
            "summary": "The OpenAPI 3.0 description of the API",
        }
    )
    data = {
        "name": document["info"]["title"],
        "version": document["info"]["version"],
        "documentation": request.build_absolute_uri(API_DOCS_PATH),
        "openapi": request.build_absolute_uri(reverse("api_schema")),
        "endpoints": endpoints,
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@api_view("api")
def openapi(request):
    return JsonResponse(
        schema(request.build_absolute_uri("/")), json_dumps_params={"ensure_ascii": False}
    )
