"""Creating draft case pages from the valid rows of an ImportReport.

Each case is built by the shared case builder and added as a draft child of its municipality's
page with one revision, exactly as an editor's "Save draft" would leave it, for the
municipality's editors to finish and submit for review. Rows are written through the bulk path
(cases/bulk.py, `create_drafts`), a batch at a time in one transaction; if the database or the
page's validation refuses a batch, its rows are written again one at a time, each in a savepoint,
so the refused row is reported and the others go on. Importing the same file again creates
nothing: its cases now exist, and rows for existing cases are skipped (the check is made again
here, not only when the file was validated).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _
from wagtail.models import Page

from cases.bulk import create_drafts
from cases.case_builder import Vocabulary, build_case
from cases.models import CaseStudyPage, MunicipalityPage
from cases.slugs import ascii_slug

from .import_rows import ImportReport, RowResult, case_key

logger = logging.getLogger(__name__)

# Sent once an import has created drafts (argument: summary); cms/import_notices.py tells each
# municipality's editors, so cases does not depend on how they are told.
drafts_imported = Signal()

BATCH_SIZE = 100
MAX_SLUG_LENGTH = 80
FALLBACK_SLUG = "insats"


@dataclass(frozen=True)
class CreatedCase:
    row: int
    page_id: int
    title: str
    municipality: str


@dataclass(frozen=True)
class SkippedRow:
    row: int
    reason: str


@dataclass
class ImportSummary:
    created: list[CreatedCase] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)  # cases that already exist
    failed: list[SkippedRow] = field(default_factory=list)  # refused when saving
    invalid: int = 0  # rows with errors, never attempted

    def as_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> ImportSummary:
        return cls(
            created=[CreatedCase(**item) for item in data.get("created", [])],
            skipped=[SkippedRow(**item) for item in data.get("skipped", [])],
            failed=[SkippedRow(**item) for item in data.get("failed", [])],
            invalid=data.get("invalid", 0),
        )


Progress = Callable[[int, int], None]


def apply(
    report: ImportReport, user=None, *, progress: Progress | None = None, batch_size=BATCH_SIZE
) -> ImportSummary:
    """Create a draft for every valid row; rows for existing cases are skipped."""
    summary = ImportSummary(skipped=_skipped(report.duplicates), invalid=len(report.invalid))
    rows = report.valid
    if not rows:
        return summary
    codes = {row.municipality_code for row in rows}
    parents = {
        page.municipality.code: page
        for page in MunicipalityPage.objects.select_related("municipality").filter(
            municipality__code__in=codes
        )
    }
    existing = _existing_keys(codes)
    slugs = _SiblingSlugs()
    vocabulary = Vocabulary()
    done = 0
    for start in range(0, len(rows), batch_size):
        wanted = []
        for row in rows[start : start + batch_size]:
            key = case_key(row.municipality_code, row.title)
            parent = parents.get(row.municipality_code)
            if key in existing:
                summary.skipped.append(SkippedRow(row.number, _already_exists(row)))
            elif parent is None:
                summary.failed.append(SkippedRow(row.number, _no_longer_participates(row)))
            else:
                wanted.append((row, parent, slugs.free(parent, row.title)))
                existing.add(key)
        vocabulary = _create_batch(wanted, user, vocabulary, slugs, summary)
        done = min(start + batch_size, len(rows))
        if progress:
            progress(done, len(rows))
    if summary.created:
        drafts_imported.send(sender=ImportSummary, summary=summary)
    return summary


Wanted = list[tuple[RowResult, MunicipalityPage, str]]


def _create_batch(wanted: Wanted, user, vocabulary, slugs, summary: ImportSummary) -> Vocabulary:
    """All rows in one go; if that is refused, row by row. Returns the vocabulary to go on with:
    a fresh one after a rollback, which may have taken keywords the old one remembers."""
    try:
        with transaction.atomic():
            pages = _create_drafts(wanted, user, vocabulary)
    except (ValidationError, DatabaseError):
        vocabulary = Vocabulary()
        for one in wanted:
            vocabulary = _create_one(one, user, vocabulary, slugs, summary)
        return vocabulary
    for (row, parent, _slug), page in zip(wanted, pages, strict=True):
        summary.created.append(
            CreatedCase(row.number, page.pk, page.title, parent.municipality.name)
        )
    return vocabulary


def _create_one(one, user, vocabulary, slugs, summary: ImportSummary) -> Vocabulary:
    row, parent, slug = one
    try:
        with transaction.atomic():
            (page,) = _create_drafts([one], user, vocabulary)
    except (ValidationError, DatabaseError) as error:
        logger.warning("Import row %d could not be saved: %s", row.number, error)
        summary.failed.append(SkippedRow(row.number, _could_not_save(error)))
        slugs.release(parent, slug)
        return Vocabulary()
    summary.created.append(CreatedCase(row.number, page.pk, page.title, parent.municipality.name))
    return vocabulary


def _create_drafts(wanted: Wanted, user, vocabulary: Vocabulary) -> list[CaseStudyPage]:
    """Drafts under their municipality pages with one revision each, like the admin's create
    view leaves them (cases/bulk.py)."""
    placed = [
        (parent, build_case({**row.spec, "slug": slug}, vocabulary)) for row, parent, slug in wanted
    ]
    create_drafts(placed, user)
    return [page for _parent, page in placed]


def case_slug(title: str) -> str:
    """An ASCII slug of at most MAX_SLUG_LENGTH characters, cut at a word boundary."""
    slug = ascii_slug(title)[: MAX_SLUG_LENGTH + 1]
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0]
    return slug.strip("-") or FALLBACK_SLUG


class _SiblingSlugs:
    """Free slugs under each municipality page, read once per page instead of once per case."""

    def __init__(self):
        self.taken: dict[int, set[str]] = {}

    def _taken(self, parent: Page) -> set[str]:
        if parent.pk not in self.taken:
            self.taken[parent.pk] = set(
                Page.objects.child_of(parent).values_list("slug", flat=True)
            )
        return self.taken[parent.pk]

    def free(self, parent: Page, title: str) -> str:
        taken = self._taken(parent)
        base = case_slug(title)
        slug, number = base, 2
        while slug in taken:
            slug = f"{base}-{number}"
            number += 1
        taken.add(slug)
        return slug

    def release(self, parent: Page, slug: str) -> None:
        self._taken(parent).discard(slug)


def _existing_keys(codes: set[str]) -> set[tuple[str, str]]:
    keys = set()
    for code, title, draft_title in CaseStudyPage.objects.filter(
        municipality__code__in=codes
    ).values_list("municipality__code", "title", "draft_title"):
        keys.add(case_key(code, title))
        if draft_title:
            keys.add(case_key(code, draft_title))
    return keys


def _skipped(rows: list[RowResult]) -> list[SkippedRow]:
    return [SkippedRow(row.number, row.duplicate) for row in rows]


def _already_exists(row: RowResult) -> str:
    return _("A case titled “%(title)s” already exists in this municipality; skipped.") % {
        "title": row.title
    }


def _no_longer_participates(row: RowResult) -> str:
    return _("Municipality %(code)s has no municipality page any more.") % {
        "code": row.municipality_code
    }


def _could_not_save(error: Exception) -> str:
    if isinstance(error, ValidationError):
        detail = "; ".join(error.messages)
    else:
        detail = _("the database refused the row")
    return _("The case could not be saved: %(detail)s.") % {"detail": detail}
