"""Keeping the engines in step with what is published.

The database engine's index lives in the same database as the pages, so it is updated in the same
transaction as the publish, move or delete that changed it: it can never drift and it is always
there to fall back on. For a configured cluster the changed cases are marked in the outbox in the
same transaction (search/outbox.py), and one background task drains it after the commit
(search/tasks.py): it re-reads the database, so draining is idempotent and order does not matter,
and while the cluster is away the marks wait and are sent once when it answers again.
`search_reconcile` (scheduled) repairs whatever still slipped through.
"""

from __future__ import annotations

from collections.abc import Iterable

from cases.models import CaseStudyPage

from . import outbox, tasks
from .engine_sync import apply_to
from .service import cluster_configured, database_engine


def enqueue_pages(page_ids: Iterable[int]) -> int:
    """Queue cases for the search cluster, in batches, without touching the database engine's
    index (bulk loaders update that themselves). Call it inside the transaction that created or
    changed the pages: the marks commit with them, and one drain task starts after the commit
    however many pages there were. Returns how many cases were queued (0 without a cluster)."""
    if not cluster_configured():
        return 0
    count = outbox.mark(page_ids)
    if count:
        tasks.wake()
    return count


def cases_changed(page_ids: Iterable[int], pages: Iterable[CaseStudyPage] | None = None) -> None:
    """Bring every engine in step with these cases: the database index now, the cluster after
    the commit. `pages`: the cases themselves when the caller holds them (the bulk path)."""
    page_ids = sorted(set(page_ids))
    if not page_ids:
        return
    apply_to(database_engine(), page_ids, pages)
    enqueue_pages(page_ids)


def cases_under(page) -> list[int]:
    return list(
        CaseStudyPage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)
    )
