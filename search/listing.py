"""The one public seam through which pages list cases.

Home, theme and municipality pages list cases through `list_cases`, never by querying case models
themselves, so that when the search service grows engines (database, OpenSearch, Elasticsearch)
those listings and /sok/ keep giving the same answers. Pages reach it through the template tag in
search/templatetags/case_listings.py: search/ imports cases/ and themes/, never the other way
round, so there is no import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass

from cases.models import CaseStudyPage

MAX_LISTING = 100


@dataclass(frozen=True)
class ListingRequest:
    theme_slug: str | None = None
    keyword_slug: str | None = None
    municipality_code: str | None = None
    limit: int = 12


def list_cases(request: ListingRequest) -> list[CaseStudyPage]:
    """Published cases matching the request, newest first."""
    cases = CaseStudyPage.objects.live().public()
    if request.theme_slug:
        cases = cases.filter(themes__slug=request.theme_slug)
    if request.keyword_slug:
        cases = cases.filter(keywords__slug=request.keyword_slug)
    if request.municipality_code:
        cases = cases.filter(municipality__code=request.municipality_code)
    limit = max(0, min(request.limit, MAX_LISTING))
    return list(
        cases.select_related("municipality", "hero_image")
        .prefetch_related("themes")
        .order_by("-first_published_at", "-pk")
        .distinct()[:limit]
    )
