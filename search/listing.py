"""The one public seam through which pages list cases.

Home, theme, keyword and municipality pages list cases through `list_cases`, which asks the search
service – the same service /sok/ uses – so listings and search can never disagree. Pages reach it
through the template tag in search/templatetags/case_listings.py: search/ imports cases/ and
themes/, never the other way round, so there is no import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass

from .request import MAX_PAGE_SIZE, SearchRequest, SearchResult
from .service import search_cases

MAX_LISTING = MAX_PAGE_SIZE


@dataclass(frozen=True)
class ListingRequest:
    theme_slug: str | None = None
    keyword_slug: str | None = None
    municipality_code: str | None = None
    limit: int = 12


def list_cases(request: ListingRequest) -> SearchResult:
    """Published cases matching the request, newest first (hits, total and facets)."""
    return search_cases(
        SearchRequest(
            themes=(request.theme_slug,) if request.theme_slug else (),
            keywords=(request.keyword_slug,) if request.keyword_slug else (),
            municipalities=(request.municipality_code,) if request.municipality_code else (),
            sort="newest",
            page_size=max(1, min(request.limit, MAX_LISTING)),
        )
    )
