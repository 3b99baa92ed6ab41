"""Published cases as rows: dictionaries keyed by the CASE_COLUMNS keys, read in chunks.

Exports stream 100,000 cases, so pages are read with `.iterator(chunk_size=...)` and their
municipality, focus areas, keywords and target groups are fetched per chunk (Django prefetches
with iterator when a chunk size is given): a fixed number of queries per chunk, none per case.
Lists hold slugs for focus areas and target groups (the importer accepts slugs or names) and
names for keywords; status, evidence level and kind of evaluation hold their stored codes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from django.db.models import QuerySet
from django.urls import reverse
from wagtail.models import Site

from cases.models import CaseStudyPage

CHUNK_SIZE = 500
ROW_RELATIONS = ("themes", "keywords", "target_groups")


class PageUrls:
    """Absolute page addresses computed from `url_path`, without a lookup per page.

    Wagtail's `page.full_url` fetches the site root paths (from the cache or the database) for
    every page; an export of 100,000 cases reads them once. `base_url` (e.g. the address the
    request came to) replaces the Site's configured host, which is often just "localhost".
    """

    def __init__(self, base_url: str | None = None):
        # Deepest root first, so a site inside another site's tree wins for its own pages.
        self.roots = sorted(Site.get_site_root_paths(), key=lambda root: -len(root.root_path))
        self.base_url = base_url.rstrip("/") if base_url else None
        self.prefix = reverse("wagtail_serve", args=("",))

    def __call__(self, url_path: str) -> str | None:
        for root in self.roots:
            if url_path.startswith(root.root_path):
                host = self.base_url or root.root_url.rstrip("/")
                return host + self.prefix + url_path[len(root.root_path) :]
        return None  # not under any site: the page has no public address

    def absolute(self, path: str) -> str:
        """An address on the site for a path that is not a page's (e.g. a document)."""
        host = self.base_url or (self.roots[-1].root_url.rstrip("/") if self.roots else "")
        return host + path


def with_row_relations(pages: QuerySet) -> QuerySet:
    return pages.select_related("municipality").prefetch_related(*ROW_RELATIONS)


def case_row(page: CaseStudyPage, urls: PageUrls) -> dict:
    """One case as Python values keyed by column key (None where nothing is entered)."""
    municipality = page.municipality
    return {
        "id": page.pk,
        "kommunkod": municipality.code if municipality else None,
        "kommun": municipality.name if municipality else None,
        "lan": municipality.county_name if municipality else None,
        "titel": page.title,
        "sammanfattning": page.summary,
        "fokusomraden": [theme.slug for theme in page.themes.all()],
        # The prefetched keywords come in no particular order; sorted, exports are repeatable.
        "nyckelord": sorted(keyword.name for keyword in page.keywords.all()),
        "malgrupper": [group.slug for group in page.target_groups.all()],
        "status": page.status,
        "startdatum": page.start_date,
        "slutdatum": page.end_date,
        "bidrag_kr": page.grant_amount,
        "total_budget_kr": page.total_budget,
        "evidensniva": page.evidence_level,
        "utvarderingstyp": page.evaluation_kind,
        "kontaktperson": page.contact_name or None,
        "kontakt_epost": page.contact_email or None,
        "kontakt_telefon": page.contact_phone or None,
        "url": urls(page.url_path),
        "publicerad": page.first_published_at,
        "senast_andrad": page.last_published_at,
    }


def case_rows(pages: QuerySet, urls: PageUrls, *, chunk_size: int = CHUNK_SIZE) -> Iterator[dict]:
    """Rows for an ordered queryset of cases, in its order."""
    for page in with_row_relations(pages).iterator(chunk_size=chunk_size):
        yield case_row(page, urls)


def case_rows_in_order(
    ids: Iterable[int], pages: QuerySet, urls: PageUrls, *, chunk_size: int = CHUNK_SIZE
) -> Iterator[dict]:
    """Rows for the given page ids in the given order (e.g. a search's ranking).

    Ids that `pages` does not hold – unpublished since they were indexed, or outside the filters –
    are left out.
    """
    ids = iter(ids)
    while chunk := list(islice(ids, chunk_size)):
        found = {page.pk: page for page in with_row_relations(pages.filter(pk__in=chunk))}
        for page_id in chunk:
            if page_id in found:
                yield case_row(found.pop(page_id), urls)
