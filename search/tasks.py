"""The background task that keeps a search cluster in step: it drains the outbox
(search/outbox.py).

While the cluster does not answer, or the database fails mid-task, the task puts itself back to
probe again after a short, growing delay of at most PROBE_MAX, so the waiting cases are sent
within that long after the cluster returns, however long it was away. Only one drain waits at a
time, and each run sends at most DRAIN_SECONDS' worth before making room for other tasks.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from core import leases

from . import outage, outbox
from .engine_sync import apply_to
from .engines.base import SearchUnavailable
from .engines.cluster import IndexingError
from .service import cluster_configured, cluster_engine

logger = logging.getLogger(__name__)

PROBE_MAX = outbox.PROBE_MAX
BATCH = 500
DRAIN_SECONDS = 50


def backoff(attempt: int) -> timedelta:
    """5 s, 10 s, 20 s, then every 30 s for as long as it takes."""
    return min(timedelta(seconds=5 * 2 ** min(attempt, 20)), PROBE_MAX)


@task()
def sync_cluster(page_ids: list[int] | None = None, attempt: int = 0) -> None:
    """Send every case waiting in the outbox to the cluster. `page_ids` marks more first (tasks
    queued before the outbox existed carry them)."""
    engine = cluster_engine()
    if engine is None:
        return
    try:
        if page_ids:
            outbox.mark(page_ids)
        leases.reclaim_expired()
        more = _drain(engine)
    except SearchUnavailable as error:
        outage.failed("update", error)
        _again(attempt + 1)
        return
    except DatabaseError as error:
        # The worker closes the broken connection after the task; the retry opens a new one.
        logger.warning("Database error while updating the search cluster (%s); retrying.", error)
        _again(attempt + 1)
        return
    outage.answered()
    if more:
        _again(0, delay=timedelta(0))


def _drain(engine) -> bool:
    """Send batches until the outbox is empty (False) or the time is up (True)."""
    started = time.monotonic()
    while taken := outbox.take(BATCH):
        page_ids = [page_id for page_id, _token in taken]
        try:
            apply_to(engine, page_ids)
        except IndexingError as error:
            # Refused, not unreachable: trying again would block every later update behind these.
            logger.error(
                "The search cluster refused cases among %s (%s); search_reconcile will show them.",
                page_ids,
                error,
            )
        outbox.clear(taken)
        if time.monotonic() - started > DRAIN_SECONDS:
            return outbox.waiting() > 0
    return False


def _again(attempt: int, delay: timedelta | None = None) -> None:
    if not default_task_backend.supports_defer:
        # The immediate backend (tests, no worker) cannot wait: the marks stay in the outbox for
        # the next change or the scheduled search_reconcile.
        return
    if outbox.drain_waiting():
        return  # another drain is queued and will send these too
    delay = backoff(attempt) if delay is None else delay
    sync_cluster.using(run_after=timezone.now() + delay).enqueue(attempt=attempt)


def _wake_now() -> None:
    if not outbox.drain_waiting():
        sync_cluster.enqueue()


class _Wake:
    """One wake-up registered with a transaction; it knows whether it has run (tests run
    callbacks of a transaction that never commits, and the list keeps them)."""

    ran = False

    def __call__(self) -> None:
        self.ran = True
        _wake_now()


def wake() -> None:
    """Make sure a drain runs after the current transaction commits: one per transaction, and
    none while another is still waiting to start (it will see these marks too)."""
    pending = getattr(connection, "run_on_commit", None) or []
    if any(isinstance(entry[1], _Wake) and not entry[1].ran for entry in pending):
        return
    transaction.on_commit(_Wake())


def requeue() -> tuple[int, int]:
    """What the schedule runs: take back expired tasks (core/leases.py), and make sure cluster
    updates waiting in the outbox have a drain queued. Returns (tasks taken back, cases
    waiting)."""
    taken = leases.reclaim_expired()
    leases.forget_finished()
    waiting = outbox.waiting() if cluster_configured() else 0
    if waiting:
        wake()
    return taken, waiting
