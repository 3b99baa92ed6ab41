"""The filtered case list of /sok/ as rows for a download.

The criteria are the search page's own (a `search.request.SearchRequest`, parsed from the same
query string), so a download holds the cases the page lists. Structured filters – focus area,
keyword, municipality, county, status, target group, evidence level, active years, measured
results – are applied to the database directly, which has no result window and streams any
number of cases. Only the text query needs the search service (ranking, stemming, synonyms on a
cluster): its matches are collected page by page in the service's ranking order, up to the
service's result window (MAX_PAGE × MAX_PAGE_SIZE = 25,000 cases), and the database filters are
applied to them again so an index that lags behind a publication never leaks a draft.

`cases` does not import `search` (docs/architecture.md), so the search function is passed in:
cms/urls.py hands the export view `search.service.search_cases`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from typing import Any, Protocol

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from cases.models import CaseKeyword, CaseStudyPage, ResultIndicator, public_cases

from .case_rows import PageUrls, case_rows, case_rows_in_order

# Search pages requested while collecting text matches; the service clamps it to its maximum.
TEXT_PAGE_SIZE = 50
ORDERS = {
    "newest": (F("first_published_at").desc(nulls_last=True), "-pk"),
    "start_date": (
        F("start_date").desc(nulls_last=True),
        F("first_published_at").desc(nulls_last=True),
        "-pk",
    ),
}


class CaseCriteria(Protocol):
    """What the filters read; search.request.SearchRequest has exactly these fields."""

    text: str
    themes: Sequence[str]  # slugs
    keywords: Sequence[str]  # slugs
    municipalities: Sequence[str]  # SCB codes
    counties: Sequence[str]  # SCB county codes
    statuses: Sequence[str]
    target_groups: Sequence[str]  # slugs
    evidence_levels: Sequence[str]
    year_from: int | None
    year_to: int | None
    has_indicators: bool | None
    sort: str


def filter_cases(pages: QuerySet, criteria: CaseCriteria) -> QuerySet:
    """The cases matching every given filter; within one filter any value matches.

    The same rule as the search engines: a case is active in the years [year_from, year_to] when
    it has a start date, starts before the range ends and has not ended before it begins.
    """
    simple = {
        "municipality__code__in": criteria.municipalities,
        "municipality__county_code__in": criteria.counties,
        "status__in": criteria.statuses,
        "evidence_level__in": criteria.evidence_levels,
    }
    for lookup, values in simple.items():
        if values:
            pages = pages.filter(**{lookup: list(values)})
    # Subqueries rather than joins, so a case with two matching focus areas appears once.
    if criteria.themes:
        themed = CaseStudyPage.themes.through.objects.filter(theme__slug__in=list(criteria.themes))
        pages = pages.filter(pk__in=themed.values("casestudypage_id"))
    if criteria.target_groups:
        grouped = CaseStudyPage.target_groups.through.objects.filter(
            targetgroup__slug__in=list(criteria.target_groups)
        )
        pages = pages.filter(pk__in=grouped.values("casestudypage_id"))
    if criteria.keywords:
        tagged = CaseKeyword.objects.filter(tag__slug__in=list(criteria.keywords))
        pages = pages.filter(pk__in=tagged.values("content_object_id"))
    if criteria.year_from is not None or criteria.year_to is not None:
        pages = pages.filter(start_date__isnull=False)
    if criteria.year_to is not None:
        pages = pages.filter(start_date__lt=date(criteria.year_to + 1, 1, 1))
    if criteria.year_from is not None:
        pages = pages.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=date(criteria.year_from, 1, 1))
        )
    if criteria.has_indicators is not None:
        # "Measured results": an indicator with an outcome, as in the search documents.
        outcomes = ResultIndicator.objects.filter(page=OuterRef("pk"), outcome__isnull=False)
        measured = Exists(outcomes)
        pages = pages.filter(measured if criteria.has_indicators else ~measured)
    return pages


def order_cases(pages: QuerySet, sort: str) -> QuerySet:
    """The search page's orders without a text query: newest first, or by start date."""
    return pages.order_by(*ORDERS.get(sort, ORDERS["newest"]))


def text_matches(search: Callable[[Any], Any], criteria: CaseCriteria) -> Iterator[int]:
    """Ids of the cases the search service finds, in its order, page after page.

    Stops at the last page, or when the service clamps the page number (its result window).
    """
    page = 1
    while True:
        result = search(replace(criteria, page=page, page_size=TEXT_PAGE_SIZE))
        yield from (hit.page_id for hit in result.hits)
        if not result.hits or result.request.page != page or page >= result.page_count:
            return
        page += 1


def case_list_rows(
    criteria: CaseCriteria, urls: PageUrls, *, search: Callable[[Any], Any]
) -> Iterator[dict]:
    """Rows of the published cases the search page lists for these criteria, in its order."""
    pages = filter_cases(public_cases(), criteria)
    if criteria.text:
        return case_rows_in_order(text_matches(search, criteria), pages, urls)
    return case_rows(order_cases(pages, criteria.sort), urls)
