"""The search service: which engine answers, and falling back when a cluster does not.

Everything that finds cases – /sok/, listings on pages, the API – calls these functions, never an
engine directly. With SEARCH_ENGINE_URL empty the database engine answers; with a cluster
configured the cluster answers and the database engine stands in whenever the cluster fails or
times out, with `degraded` set so the page can say results may be less complete.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from django.conf import settings

from .engines.base import SearchEngine, SearchUnavailable
from .request import Hit, SearchRequest, SearchResult, Suggestion

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
            return call(engine), False
        except SearchUnavailable as error:
            logger.warning(
                "Search cluster unavailable for %s, using the database: %s", operation, error
            )
    return call(database_engine()), engine is not None


def search_cases(request: SearchRequest) -> SearchResult:
    request = request.normalised()
    result, degraded = _with_fallback("search", lambda engine: engine.search(request))
    result.degraded = degraded
    return result


def autocomplete(prefix: str, limit: int = 8) -> list[Suggestion]:
    prefix = " ".join(prefix.split())[:100]
    if not prefix:
        return []
    suggestions, _ = _with_fallback("autocomplete", lambda e: e.autocomplete(prefix, limit))
    return suggestions


def related_cases(page_id: int, limit: int = 5) -> list[Hit]:
    hits, _ = _with_fallback("related", lambda engine: engine.related(page_id, limit))
    return hits
