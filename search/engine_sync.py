"""Bring one engine in step with the database for some cases: index the live ones, delete the
rest. Shared by the publishing path (search/indexing.py) and the cluster task (search/tasks.py),
which sit above it, so neither imports the other."""

from __future__ import annotations

from collections.abc import Iterable

from .documents import case_document, focus_area_index, live_cases


def split_live(page_ids: Iterable[int]) -> tuple[list[dict], list[int]]:
    """Documents for the ids that are live now, and the ids that are not (to delete)."""
    ids = set(page_ids)
    pages = list(live_cases().filter(pk__in=ids))
    theme_index = focus_area_index() if pages else None  # once, not two queries per case
    documents = [case_document(page, theme_index) for page in pages]
    return documents, sorted(ids - {page.pk for page in pages})


def apply_to(engine, page_ids: Iterable[int]) -> None:
    documents, gone = split_live(page_ids)
    if documents:
        engine.index(documents)
    if gone:
        engine.delete(gone)
