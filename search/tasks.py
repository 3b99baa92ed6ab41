"""Background updates of the search cluster, retried with backoff while it is unreachable."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import default_task_backend, task

from .engines.base import SearchUnavailable
from .indexing import apply_to
from .service import cluster_engine

logger = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(minutes=15)


def backoff(attempt: int) -> timedelta:
    """5 s, 10 s, 20 s … doubling, at most 15 minutes: retried for as long as it takes."""
    return min(timedelta(seconds=5 * 2 ** min(attempt, 20)), MAX_BACKOFF)


@task()
def sync_cluster(page_ids: list[int], attempt: int = 0) -> None:
    engine = cluster_engine()
    if engine is None:
        return
    try:
        apply_to(engine, page_ids)
    except SearchUnavailable as error:
        if not default_task_backend.supports_defer:
            # The immediate backend (tests, no worker) cannot wait; reconcile repairs it later.
            logger.warning("Search cluster unavailable, %d cases left to reconcile", len(page_ids))
            return
        delay = backoff(attempt)
        logger.warning("Search cluster unavailable (%s); retrying in %s", error, delay)
        sync_cluster.using(run_after=timezone.now() + delay).enqueue(page_ids, attempt + 1)
