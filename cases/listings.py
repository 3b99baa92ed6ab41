"""The listings below a case – similar cases and municipalities working on the same focus areas –
come from the search service, which sits above this app. Search hands its finder in at startup
(search/apps.py), so cases never imports search; without one, a case page simply lists nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class CaseListings:
    # (page id, limit) -> published cases like this one
    related: Callable[[int, int], list]
    # focus-area slugs -> ([(municipality code, number of cases)], complete); not complete while
    # the search engine answers from its fallback, so the answer is shown but not kept
    municipality_counts: Callable[[Sequence[str]], tuple[list[tuple[str, int]], bool]]
    # a preview's page object, limit -> listings for the page as the editor sees it
    similar_for_preview: Callable[[object, int], list]
    peers_for_preview: Callable[[object, int], list]
    # part of every cache key: a changed search engine never serves another engine's listings
    engine_key: Callable[[], tuple]


NONE = CaseListings(
    related=lambda page_id, limit: [],
    municipality_counts=lambda themes: ([], True),
    similar_for_preview=lambda page, limit: [],
    peers_for_preview=lambda page, limit: [],
    engine_key=lambda: (),
)

_current = NONE


def use(listings: CaseListings) -> None:
    global _current
    _current = listings


def case_listings() -> CaseListings:
    return _current
