"""Imports uploaded in the admin run here, in the task worker, so a 10,000-row file never holds
a web request open. The batch row records progress for the status page."""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from django_tasks import TaskContext, task

from cases.exchange.import_rows import ImportContext, validate_rows
from cases.exchange.importer import apply
from cases.exchange.reading import read_table
from cases.models import ImportBatch
from core.leases import beat

logger = logging.getLogger(__name__)

REPORT_LANGUAGE = "sv"


@task(takes_context=True)
def run_import(context: TaskContext, batch_id: int) -> None:
    task_id = context.task_result.id
    # A task taken back from a dead worker (core/leases.py) finds its batch RUNNING; it goes on,
    # and rows imported before the worker died are skipped as existing.
    taken_back = len(context.task_result.worker_ids) > 1
    states = [ImportBatch.State.QUEUED, *([ImportBatch.State.RUNNING] if taken_back else [])]
    started = ImportBatch.objects.filter(pk=batch_id, state__in=states).update(
        state=ImportBatch.State.RUNNING
    )
    if not started:  # already run, or not asked for: running twice must not import twice
        return
    batch = ImportBatch.objects.get(pk=batch_id)
    try:
        with translation.override(REPORT_LANGUAGE):
            _run(batch, heartbeat=lambda: beat(task_id))
    except Exception:
        # Record the failure for the status page, then let the worker log it as failed too.
        logger.exception("Import %d failed", batch_id)
        ImportBatch.objects.filter(pk=batch_id).update(
            state=ImportBatch.State.FAILED, finished_at=timezone.now()
        )
        raise


def _run(batch: ImportBatch, heartbeat=lambda: None) -> None:
    table = read_table(bytes(batch.content), batch.file_name)
    report = validate_rows(table, ImportContext.load())
    if report.file_errors:
        batch.state = ImportBatch.State.FAILED
        batch.summary = {"file_errors": report.file_errors}
    else:
        ImportBatch.objects.filter(pk=batch.pk).update(rows_to_import=len(report.valid))

        def progress(done: int, total: int) -> None:
            ImportBatch.objects.filter(pk=batch.pk).update(rows_done=done)
            heartbeat()  # a long import keeps its lease

        user = get_user_model().objects.filter(pk=batch.imported_by_id).first()
        summary = apply(report, user, progress=progress)
        batch.state = ImportBatch.State.DONE
        batch.summary = summary.as_json()
        batch.rows_to_import = len(report.valid)
        batch.rows_done = len(report.valid)
        batch.content = b""  # the drafts now hold what was imported; keep no copy of the file
    batch.finished_at = timezone.now()
    batch.save()
