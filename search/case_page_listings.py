"""What search gives the case page (cases/listings.py): similar cases and, per focus area, how
many cases each municipality has published – handed to cases at startup (search/apps.py)."""

from __future__ import annotations

from collections.abc import Sequence

from cases.listings import CaseListings
from search.request import SearchRequest
from search.service import related_cases, search_cases
from search.templatetags.case_listings import _engine, peer_municipalities, similar_cases


def municipality_counts(themes: Sequence[str]) -> tuple[list[tuple[str, int]], bool]:
    result = search_cases(SearchRequest(themes=tuple(themes), page_size=1).normalised())
    counts = [(value.value, value.count) for value in result.facets.get("municipalities", [])]
    return counts, not result.degraded


CASE_PAGE_LISTINGS = CaseListings(
    related=lambda page_id, limit: related_cases(page_id, limit=limit),
    municipality_counts=municipality_counts,
    similar_for_preview=similar_cases,
    peers_for_preview=peer_municipalities,
    engine_key=_engine,
)
