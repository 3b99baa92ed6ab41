"""The task that writes a big case-list download to a file, in the worker (run_worker).

The rows are the streamed download's own (cases.exchange.case_list.case_list_rows with the
search app's `case_ids`, and cases.exchange.writers.stream), so a file made here holds exactly
what the same address would have streamed. Progress is written every PROGRESS_EVERY rows,
together with the job's beat and the task's lease (core/leases.py): a task whose worker died is
taken back and starts the file again from the first row; prune_exports fails a job whose beat
stopped for good.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_noop
from django_tasks import TaskContext, task

from cases.exchange.case_list import case_list_rows
from cases.exchange.case_rows import PageUrls
from cases.exchange.columns import EXPORT_COLUMNS
from cases.exchange.writers import stream
from cases.views.exports import export_filename
from core.leases import beat
from search.forms import request_from_params
from search.service import case_ids

from .files import PART_SUFFIX, file_path, job_folder, remove_job_files
from .models import ExportJob

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 500
# Stored untranslated, shown in the visitor's language (downloads/views.py).
FAILED_MESSAGE = gettext_noop("The file could not be made. Try again in a while.")
STOPPED_MESSAGE = gettext_noop("The export stopped before the file was ready. Try again.")


def record_progress(job_id: int, done: int) -> None:
    now = timezone.now()
    ExportJob.objects.filter(pk=job_id).update(rows_done=done, beat_at=now)


def fail(job_id: int, message: str) -> None:
    ExportJob.objects.filter(pk=job_id).exclude(status=ExportJob.Status.DONE).update(
        status=ExportJob.Status.FAILED, error=message, finished_at=timezone.now()
    )


@task(takes_context=True)
def write_export(context: TaskContext, job_id: int) -> None:
    task_id = context.task_result.id
    now = timezone.now()
    # A job RUNNING here belongs to a task taken back from a dead worker: it starts again.
    claimed = ExportJob.objects.filter(
        pk=job_id, status__in=[ExportJob.Status.QUEUED, ExportJob.Status.RUNNING]
    ).update(status=ExportJob.Status.RUNNING, started_at=now, beat_at=now, rows_done=0)
    if not claimed:  # finished, failed or removed: running twice must not write twice
        return
    job = ExportJob.objects.get(pk=job_id)
    try:
        write(job, heartbeat=lambda: beat(task_id))
    except Exception:
        logger.exception("Export %d failed", job_id)
        fail(job_id, FAILED_MESSAGE)
        remove_job_files(job.token)
        raise


def write(job: ExportJob, heartbeat: Callable[[], None] = lambda: None) -> None:
    ids = list(case_ids(request_from_params(QueryDict(job.query))))
    ExportJob.objects.filter(pk=job.pk).update(rows_total=len(ids))
    rows = case_list_rows(None, PageUrls(job.base_url), case_ids=lambda _criteria: ids)
    progress = _Counter()
    name = f"{job.token}/{export_filename(job.format, timezone.localdate(job.created_at))}"
    final = file_path(name)
    job_folder(job.token).mkdir(parents=True, exist_ok=True)
    part = final.with_name(final.name + PART_SUFFIX)
    with open(part, "wb") as out:
        for chunk in stream(job.format, EXPORT_COLUMNS, progress.through(rows, job.pk, heartbeat)):
            out.write(chunk)
    os.replace(part, final)
    # Only a job still RUNNING finishes: one prune_exports gave up on meanwhile stays failed.
    finished = ExportJob.objects.filter(pk=job.pk, status=ExportJob.Status.RUNNING).update(
        status=ExportJob.Status.DONE,
        rows_done=progress.done,
        rows_total=progress.done,
        file_name=name,
        file_size=final.stat().st_size,
        finished_at=timezone.now(),
        beat_at=timezone.now(),
    )
    if not finished:
        remove_job_files(job.token)


class _Counter:
    """Counts the rows going into the writer and records progress every PROGRESS_EVERY."""

    def __init__(self):
        self.done = 0

    def through(self, rows: Iterable[dict], job_id: int, heartbeat) -> Iterator[dict]:
        for row in rows:
            yield row
            self.done += 1
            if self.done % PROGRESS_EVERY == 0:
                record_progress(job_id, self.done)
                heartbeat()
