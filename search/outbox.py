"""The outbox: which cases the search cluster still has to be told about.

A change marks its cases in the same transaction that makes the change, so a marked case can
never be lost (a crash either keeps both or neither). After the commit one drain task is woken
(`wake` in search/tasks.py, which sits above this module); it sends the marked cases in
batches and clears only the marks it read, so a case changed again meanwhile stays marked.
However many times a case changes while the cluster is away, it is sent once when it is back:
updates are coalesced per case.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from itertools import islice

from django.utils import timezone

from .outbox_models import PendingClusterUpdate

MARK_CHUNK = 1000
# The longest a waiting drain sleeps between probes of an unreachable cluster (search/tasks.py).
PROBE_MAX = timedelta(seconds=30)
DRAIN_TASK = "search.tasks.sync_cluster"


def mark(page_ids: Iterable[int]) -> int:
    """Mark cases for the cluster, inside the caller's transaction. Returns how many."""
    iterator = iter(sorted({int(pk) for pk in page_ids}))
    count = 0
    now = timezone.now()
    while chunk := list(islice(iterator, MARK_CHUNK)):
        PendingClusterUpdate.objects.bulk_create(
            [PendingClusterUpdate(page_id=pk, token=uuid.uuid4(), queued_at=now) for pk in chunk],
            update_conflicts=True,
            unique_fields=["page_id"],
            update_fields=["token"],  # queued_at stays: the oldest wait is what matters
        )
        count += len(chunk)
    return count


def take(limit: int) -> list[tuple[int, uuid.UUID]]:
    """Up to `limit` marked cases, oldest first, with the token each was read with."""
    return list(
        PendingClusterUpdate.objects.order_by("queued_at", "page_id").values_list(
            "page_id", "token"
        )[:limit]
    )


def clear(taken: list[tuple[int, uuid.UUID]]) -> None:
    """Unmark the cases sent, unless marked again since they were read."""
    by_token = {token: pk for pk, token in taken}
    PendingClusterUpdate.objects.filter(
        page_id__in=list(by_token.values()), token__in=list(by_token)
    ).delete()


def waiting() -> int:
    return PendingClusterUpdate.objects.count()


def oldest() -> datetime | None:
    first = PendingClusterUpdate.objects.order_by("queued_at").values_list("queued_at", flat=True)
    return first.first()


def drain_waiting() -> bool:
    """Whether a drain task is already queued and not yet started (the database queue only)."""
    from django_tasks import default_task_backend

    if not default_task_backend.supports_defer:
        return False  # the immediate backend runs each drain at once: nothing is ever waiting
    from django.db.models import Q
    from django_tasks_db.models import DBTaskResult, get_date_max

    # One due now (stored as the far future: "no run_after") or within a probe interval; a drain
    # queued by an older version may wait far longer.
    due = Q(run_after=get_date_max()) | Q(run_after__lte=timezone.now() + PROBE_MAX)
    return DBTaskResult.objects.filter(due, task_path=DRAIN_TASK, status="READY").exists()
