"""Clearing up after background exports (manage.py prune_exports, on the five-minute schedule).

- A job past its day loses its file and its row.
- A RUNNING job whose beat stopped longer than three leases ago lost its worker for good (a task
  taken back by search_requeue beats again within a lease): it is marked failed, so its page
  offers "Try again" instead of waiting for ever.
- A folder under EXPORT_ROOT that no job owns (a job deleted by hand, a crash between writing and
  recording) is removed once it is a day old.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from core.leases import lease

from .files import export_root, remove_job_files
from .models import LINK_LIFETIME, ExportJob
from .tasks import STOPPED_MESSAGE


@dataclass(frozen=True)
class Pruned:
    expired: int
    stopped: int
    orphans: int


def prune(now: datetime | None = None) -> Pruned:
    now = now or timezone.now()
    expired = list(ExportJob.objects.filter(expires_at__lte=now).values_list("pk", "token"))
    for _pk, token in expired:
        remove_job_files(token)
    ExportJob.objects.filter(pk__in=[pk for pk, _token in expired]).delete()

    stale = now - stale_after()
    stopped = ExportJob.objects.filter(status=ExportJob.Status.RUNNING, beat_at__lt=stale)
    stopped_tokens = list(stopped.values_list("token", flat=True))
    count = stopped.update(status=ExportJob.Status.FAILED, error=STOPPED_MESSAGE, finished_at=now)
    for token in stopped_tokens:
        remove_job_files(token)
    return Pruned(len(expired), count, _remove_orphans(now))


def _remove_orphans(now: datetime) -> int:
    root = export_root()
    if not root.is_dir():
        return 0
    known = set(ExportJob.objects.values_list("token", flat=True))
    old = (now - LINK_LIFETIME).timestamp()
    removed = 0
    for folder in root.iterdir():
        if folder.name in known or folder.stat().st_mtime > old:
            continue
        if folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)
        else:
            folder.unlink(missing_ok=True)
        removed += 1
    return removed


def stale_after() -> timedelta:
    return 3 * lease()
