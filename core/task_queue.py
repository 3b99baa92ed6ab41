"""How the background task queue stands: what waits, what runs, what failed, and since when.

Read by the health endpoint (cms/health.py) and the admin's queue view (search/admin_views.py).
Counts come from django-tasks' database backend; with another backend (the immediate one in
tests) the table is simply empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Min
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

FAILED_WINDOW = timedelta(hours=24)


@dataclass(frozen=True)
class QueueSummary:
    waiting: int
    oldest_waiting_since: datetime | None
    deferred: int  # ready but told to wait (retries, scheduled work)
    running: int
    oldest_running_since: datetime | None
    failed_recently: int  # within FAILED_WINDOW
    now: datetime

    @property
    def oldest_waiting_seconds(self) -> float:
        if self.oldest_waiting_since is None:
            return 0.0
        return max(0.0, (self.now - self.oldest_waiting_since).total_seconds())

    @property
    def oldest_running_seconds(self) -> float:
        if self.oldest_running_since is None:
            return 0.0
        return max(0.0, (self.now - self.oldest_running_since).total_seconds())


def _earliest(*moments: datetime | None) -> datetime | None:
    present = [moment for moment in moments if moment is not None]
    return min(present) if present else None


def queue_summary(now: datetime | None = None) -> QueueSummary:
    now = now or timezone.now()
    tasks = DBTaskResult.objects.all()
    ready = tasks.filter(status="READY")
    never_deferred = ready.filter(run_after=get_date_max()).aggregate(
        count=Count("id"), since=Min("enqueued_at")
    )
    # A deferred task waits from the moment it was due, not from when it was queued.
    due = ready.filter(run_after__lte=now).aggregate(count=Count("id"), since=Min("run_after"))
    running = tasks.filter(status="RUNNING").aggregate(count=Count("id"), since=Min("started_at"))
    return QueueSummary(
        waiting=never_deferred["count"] + due["count"],
        oldest_waiting_since=_earliest(never_deferred["since"], due["since"]),
        deferred=ready.filter(run_after__gt=now).exclude(run_after=get_date_max()).count(),
        running=running["count"],
        oldest_running_since=running["since"],
        failed_recently=tasks.filter(status="FAILED", finished_at__gte=now - FAILED_WINDOW).count(),
        now=now,
    )


def recent_failures(limit: int = 20):
    """The latest failed tasks: what, when, and the error's class."""
    return DBTaskResult.objects.filter(status="FAILED").order_by("-finished_at")[:limit]


def running_tasks(limit: int = 20):
    """Claimed tasks, the longest-running first; one running far longer than its kind usually
    takes belongs to a worker that is gone."""
    return DBTaskResult.objects.filter(status="RUNNING").order_by("started_at")[:limit]
