"""One warning when the search cluster stops answering and one when it is back.

Every search and every drain that meets an unreachable cluster reports it here instead of
logging a traceback each time. The first report of an outage (across processes, through the
cache, which is shared in production) logs a warning; later ones only count. The first process
that finds the cluster answering again ends the outage and logs how long it lasted and what it
cost. A process that has seen no failure does no work on success: one attribute check.
"""

from __future__ import annotations

import logging
import time

from django.core.cache import cache

from .outbox import waiting

logger = logging.getLogger("search.cluster")

SINCE_KEY = "search-cluster-outage-since"
FALLBACKS_KEY = "search-cluster-outage-fallbacks"
# A forgotten outage (every process that saw it gone) must not linger for ever.
REMEMBER_SECONDS = 24 * 3600


class _Seen:
    failing = False


_seen = _Seen()


def failed(operation: str, error: Exception) -> None:
    """The cluster did not answer `operation` ("search", "update", …)."""
    first_here = not _seen.failing
    _seen.failing = True
    try:
        first = _record_failure(operation)
    except Exception:  # the cache is down too: count per process instead
        first = first_here
    if first:
        logger.warning(
            "Search cluster stopped answering (%s: %s); searches use the database and updates "
            "wait in the outbox until it is back.",
            operation,
            error,
        )
    logger.debug("Search cluster unavailable for %s: %s", operation, error)


def _record_failure(operation: str) -> bool:
    """Count the failure in the shared cache; True for the first of an outage."""
    first = cache.add(SINCE_KEY, time.time(), REMEMBER_SECONDS)
    if first:
        cache.set(FALLBACKS_KEY, 0, REMEMBER_SECONDS)
    if operation != "update":  # a search, autocomplete or related list the database answered
        try:
            cache.incr(FALLBACKS_KEY)
        except ValueError:  # expired or evicted meanwhile
            cache.set(FALLBACKS_KEY, 1, REMEMBER_SECONDS)
    return first


def answered() -> None:
    """The cluster answered: end the outage this process saw, logging it once."""
    if not _seen.failing:
        return
    _seen.failing = False
    try:
        since = cache.get(SINCE_KEY)
        fallbacks = cache.get(FALLBACKS_KEY) or 0
        if since is None or not cache.delete(SINCE_KEY):
            return  # another process ended it already
        cache.delete(FALLBACKS_KEY)
        waiting_cases = waiting()
    except Exception:  # a search that worked must not fail over its log line
        logger.warning("Search cluster answers again.")
        return
    logger.warning(
        "Search cluster answers again after %.0f s: %d requests were answered by the database; "
        "%d cases wait to be sent.",
        time.time() - since,
        fallbacks,
        waiting_cases,
    )


def reset() -> None:
    """Forget any outage (tests)."""
    _seen.failing = False
    cache.delete_many([SINCE_KEY, FALLBACKS_KEY])
