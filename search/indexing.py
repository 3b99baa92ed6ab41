"""Keeping the engines in step with what is published.

The database engine's index lives in the same database as the pages, so it is updated in the same
transaction as the publish, move or delete that changed it: it can never drift and it is always
there to fall back on. A configured cluster is updated by a background task enqueued after the
transaction commits (search/tasks.py); the task re-reads the database, so tasks are idempotent and
their order does not matter, and a failed one retries with backoff. `search_reconcile` repairs
whatever still slipped through.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from cases.models import CaseStudyPage

from .documents import case_document, live_cases
from .service import cluster_configured, database_engine


def split_live(page_ids: Iterable[int]) -> tuple[list[dict], list[int]]:
    """Documents for the ids that are live now, and the ids that are not (to delete)."""
    ids = set(page_ids)
    pages = list(live_cases().filter(pk__in=ids))
    documents = [case_document(page) for page in pages]
    return documents, sorted(ids - {page.pk for page in pages})


def apply_to(engine, page_ids: Iterable[int]) -> None:
    documents, gone = split_live(page_ids)
    if documents:
        engine.index(documents)
    if gone:
        engine.delete(gone)


def cases_changed(page_ids: Iterable[int]) -> None:
    page_ids = sorted(set(page_ids))
    if not page_ids:
        return
    apply_to(database_engine(), page_ids)
    if cluster_configured():
        from .tasks import sync_cluster

        transaction.on_commit(lambda: sync_cluster.enqueue(page_ids))


def cases_under(page) -> list[int]:
    return list(
        CaseStudyPage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)
    )
