"""The search service: which engine answers, and falling back when a cluster does not.

Everything that finds cases – /sok/, listings on pages, the API – calls these functions, never an
engine directly. With SEARCH_ENGINE_URL empty the database engine answers; with a cluster
configured the cluster answers and the database engine stands in whenever the cluster fails or
times out, with `degraded` set so the page can say results may be less complete.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from django.conf import settings

from . import outage
from .engines.base import SearchEngine, SearchUnavailable
from .known_values import drop_unknown
from .request import MAX_PAGE_SIZE, Hit, SearchRequest, SearchResult, Suggestion

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def database_engine() -> SearchEngine:
    from .engines.database import DatabaseEngine

    return DatabaseEngine()


def cluster_configured() -> bool:
    return bool(settings.SEARCH_ENGINE_URL)


@lru_cache(maxsize=4)
def _cluster_engine(kind: str, url: str, prefix: str) -> SearchEngine:
    from .engines.cluster import make_cluster_engine

    # Tests make every write visible at once; production leaves it to the refresh interval.
    refresh = getattr(settings, "SEARCH_REFRESH_ON_WRITE", False)
    return make_cluster_engine(kind, url, index_prefix=prefix, refresh_on_write=refresh)


def cluster_engine() -> SearchEngine | None:
    if not cluster_configured():
        return None
    return _cluster_engine(
        settings.SEARCH_ENGINE, settings.SEARCH_ENGINE_URL, settings.SEARCH_INDEX_PREFIX
    )


def primary_engine() -> SearchEngine:
    return cluster_engine() or database_engine()


def _with_fallback(operation: str, call):
    engine = cluster_engine()
    if engine is not None:
        try:
            result = call(engine)
        except SearchUnavailable as error:
            # One warning per outage, not one per search (search/outage.py).
            outage.failed(operation, error)
        else:
            outage.answered()
            return result, False
    return call(database_engine()), engine is not None


def _search(request: SearchRequest) -> SearchResult:
    result, degraded = _with_fallback("search", lambda engine: engine.search(request))
    result.degraded = degraded
    if result.engine != database_engine().name:
        result.hits = _still_public(result.hits)
    return result


def _still_public(hits: list[Hit]) -> list[Hit]:
    """The cluster's hits that the database index still holds.

    The database index changes in the same transaction as an unpublication or a new view
    restriction; the cluster follows when the task worker has run. Until then a case that is no
    longer public must not be listed, so its hit is dropped (counts may be one too high for
    those few seconds).
    """
    from .models import CaseSearchEntry

    indexed = set(
        CaseSearchEntry.objects.filter(page_id__in=[hit.page_id for hit in hits]).values_list(
            "page_id", flat=True
        )
    )
    return [hit for hit in hits if hit.page_id in indexed]


def search_cases(request: SearchRequest) -> SearchResult:
    """Understand the query (filters named in it, typos), then let the engine answer.

    1. Words naming a filter value become that filter (search/understanding.py) unless the request
       says `interpret=False`.
    2. When that finds fewer than spelling.FEW_HITS cases and correction is allowed, the unknown
       words are corrected from the indexed vocabulary; the corrected search replaces the first
       when it finds clearly more (spelling.clearly_more).
    3. When the interpreted search still finds nothing, the literal words are searched: a case
       whose text holds the place or status word is still found.
    The result's `request` stays the request as asked (its links reproduce it); `interpreted`,
    `searched_text` and `corrected_text` say what was searched instead.
    """
    from .spelling import FEW_HITS

    request = request.normalised()
    interpreted, searched = _understood(request)
    result = _search(searched)
    corrected = None
    if request.correct and searched.text and result.total < FEW_HITS:
        result, corrected = _corrected(searched, result)
    if interpreted and result.total == 0:
        literal = _search(request)
        if literal.total:
            result, searched, interpreted, corrected = literal, request, (), None
    result.request = request
    result.interpreted = interpreted
    result.searched_text = searched.text if searched.text != request.text else None
    if corrected is not None:
        from .spelling import apply

        result.corrected_text = apply(request.text, dict(corrected.replaced))
        result.suggestion = None
    return result


def _understood(request: SearchRequest) -> tuple[tuple, SearchRequest]:
    """The interpreted filters and the request to search (the request itself when none)."""
    if not request.interpret or not request.text:
        return (), request
    from .understanding import interpret
    from .understanding_data import status_labels, vocabulary

    understood = interpret(request.text, vocabulary(), status_labels=status_labels())
    if not understood.filters:
        return (), request
    changes = {}
    for field in ("themes", "municipalities", "counties", "statuses"):
        values = understood.values(field)
        if values:
            changes[field] = tuple(dict.fromkeys((*getattr(request, field), *values)))
    kept = []
    for found in understood.filters:
        if found.field == "years":
            if request.year_from is not None or request.year_to is not None:
                continue  # the request's own years win; the year stays text-free
            changes["year_from"], changes["year_to"] = understood.years
        kept.append(found)
    searched = replace(request, text=understood.text, **changes).normalised()
    return tuple(kept), searched


def _corrected(searched: SearchRequest, result: SearchResult):
    """The better of the result and its best typo correction's (with the correction used)."""
    from .spelling import clearly_more
    from .spelling_data import correct

    for correction in correct(searched.text):
        candidate = _search(replace(searched, text=correction.text))
        if clearly_more(candidate.total, result.total):
            candidate.degraded = candidate.degraded or result.degraded
            return candidate, correction
    return result, None


def case_ids(request: SearchRequest) -> Iterator[int]:
    """Every case /sok/ lists for a request, in the page's order: what its downloads hold.

    Without text the database index answers, with no result window, so a download can hold any
    number of cases. With text the service ranks as for the page, page after page, up to its
    result window (MAX_PAGE × MAX_PAGE_SIZE cases).
    """
    # As on the page: a filter value the site does not know is ignored, not matched against.
    request, _notices = drop_unknown(request.normalised())
    if not request.text:
        yield from database_engine().ordered_ids(request)
        return
    page = 1
    while True:
        result = search_cases(replace(request, page=page, page_size=MAX_PAGE_SIZE))
        yield from (hit.page_id for hit in result.hits)
        if not result.hits or result.request.page != page or page >= result.page_count:
            return
        page += 1


def autocomplete(prefix: str, limit: int = 8) -> list[Suggestion]:
    prefix = " ".join(prefix.split())[:100]
    if not prefix:
        return []
    suggestions, _ = _with_fallback("autocomplete", lambda e: e.autocomplete(prefix, limit))
    return suggestions


def related_cases(page_id: int, limit: int = 5) -> list[Hit]:
    hits, _ = _with_fallback("related", lambda engine: engine.related(page_id, limit))
    return hits
