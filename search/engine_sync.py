"""Bring one engine in step with the database for some cases: index the live ones, delete the
rest. Shared by the publishing path (search/indexing.py) and the cluster task (search/tasks.py),
which sit above it, so neither imports the other."""

from __future__ import annotations

from collections.abc import Iterable

from cases.evidence import uptake_by_source
from cases.models import CaseStudyPage, public_cases

from .documents import case_document, focus_area_index, live_cases


def split_live(
    page_ids: Iterable[int], pages: Iterable[CaseStudyPage] | None = None
) -> tuple[list[dict], list[int]]:
    """Documents for the ids that are live now, and the ids that are not (to delete).

    `pages`: the pages themselves, just written with their parts in memory (cases/bulk.py), so
    only which of them are public is asked – not every page, part and tag read back."""
    ids = set(page_ids)
    if pages is None:
        pages = list(live_cases().filter(pk__in=ids))
    else:
        public = set(public_cases().filter(pk__in=ids).values_list("pk", flat=True))
        pages = sorted((page for page in pages if page.pk in public), key=lambda p: p.pk)
    theme_index = focus_area_index() if pages else None  # once, not two queries per case
    uptake = uptake_by_source([page.pk for page in pages]) if pages else {}
    documents = [case_document(page, theme_index, uptake) for page in pages]
    return documents, sorted(ids - {page.pk for page in pages})


def apply_to(engine, page_ids: Iterable[int], pages: Iterable[CaseStudyPage] | None = None) -> None:
    documents, gone = split_live(page_ids, pages)
    if documents:
        engine.index(documents)
    if gone:
        engine.delete(gone)
