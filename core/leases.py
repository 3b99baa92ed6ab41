"""Taking back tasks whose worker is gone.

django_tasks_db marks a task RUNNING when a worker claims it and never looks at it again: a
worker killed mid-task leaves it RUNNING for ever. Here a RUNNING task holds a lease of
TASK_LEASE_SECONDS from its start or its last heartbeat (long tasks call `beat`); once the lease
has run out the task is put back as READY and the next worker runs it again. Tasks must
therefore be safe to run twice (the drain and the import are).
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone

from .models import TaskHeartbeat

logger = logging.getLogger(__name__)

DEFAULT_LEASE_SECONDS = 300


def lease() -> timedelta:
    return timedelta(seconds=getattr(settings, "TASK_LEASE_SECONDS", DEFAULT_LEASE_SECONDS))


def beat(task_id) -> None:
    """A running task says it is alive (call it at least once per lease)."""
    try:
        task_id = uuid.UUID(str(task_id))
    except ValueError:
        return  # not a database task (the immediate backend's ids): nothing can take it back
    TaskHeartbeat.objects.update_or_create(task_id=task_id, defaults={"beat_at": timezone.now()})


def reclaim_expired() -> int:
    """Put RUNNING tasks whose lease ran out back in the queue. Returns how many."""
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    cutoff = now - lease()
    alive = TaskHeartbeat.objects.filter(task_id=OuterRef("pk"), beat_at__gte=cutoff)
    expired = list(
        DBTaskResult.objects.filter(status="RUNNING", started_at__lt=cutoff)
        .exclude(Exists(alive))
        .values_list("pk", flat=True)
    )
    if not expired:
        return 0
    taken = DBTaskResult.objects.filter(pk__in=expired, status="RUNNING").update(
        status="READY", run_after=now
    )
    TaskHeartbeat.objects.filter(task_id__in=expired).delete()
    if taken:
        logger.warning("Took back %d tasks whose worker stopped answering; they run again.", taken)
    return taken


def forget_finished() -> None:
    """Heartbeats of tasks that are no longer running."""
    from django_tasks_db.models import DBTaskResult

    running = DBTaskResult.objects.filter(pk=OuterRef("task_id"), status="RUNNING")
    TaskHeartbeat.objects.exclude(Exists(running)).delete()
