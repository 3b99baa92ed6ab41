"""Published cases as rows: dictionaries keyed by the EXPORT_COLUMNS keys, read in chunks.

Exports stream 100,000 cases, so pages are read with `.iterator(chunk_size=...)` and their
municipality, focus areas, keywords and target groups are fetched per chunk (Django prefetches
with iterator when a chunk size is given): a fixed number of queries per chunk, none per case.
The values come from the one serialisation of a case (cases/serialisation.py); the columns'
`field` is the key map. Lists hold slugs for focus areas and target groups (the importer
accepts slugs or names) and names for keywords; status, evidence level and kind of evaluation
hold their stored codes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from django.db.models import QuerySet
from django.urls import reverse
from wagtail.models import Site

from cases.models import CaseStudyPage
from cases.serialisation import case_fields, with_row_relations
from cases.spread import Spread, spread_graph

from .columns import EXPORT_COLUMNS

CHUNK_SIZE = 500


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

    def page(self, page) -> str | None:
        return self(page.url_path)

    def absolute(self, path: str) -> str:
        """An address on the site for a path that is not a page's (e.g. a document)."""
        host = self.base_url or (self.roots[-1].root_url.rstrip("/") if self.roots else "")
        return host + path


def row_from(fields: dict) -> dict:
    """A case's own fields (cases/serialisation.py) keyed by column key, None where empty."""
    return {column.key: _cell(fields[column.field]) for column in EXPORT_COLUMNS}


def _cell(value):
    if isinstance(value, list):
        return [item["slug"] if isinstance(item, dict) else item for item in value]
    return None if value == "" else value


def case_row(page: CaseStudyPage, urls: PageUrls, spread: Spread | None = None) -> dict:
    """One case as Python values keyed by column key (None where nothing is entered)."""
    return row_from(case_fields(page, urls, spread))


def case_rows(pages: QuerySet, urls: PageUrls, *, chunk_size: int = CHUNK_SIZE) -> Iterator[dict]:
    """Rows for an ordered queryset of cases, in its order."""
    spread = spread_graph()  # read once for all rows
    for page in with_row_relations(pages).iterator(chunk_size=chunk_size):
        yield case_row(page, urls, spread)


def case_rows_in_order(
    ids: Iterable[int], pages: QuerySet, urls: PageUrls, *, chunk_size: int = CHUNK_SIZE
) -> Iterator[dict]:
    """Rows for the given page ids in the given order (e.g. a search's ranking).

    Ids that `pages` does not hold – unpublished since they were indexed, or outside the filters –
    are left out.
    """
    ids = iter(ids)
    spread = spread_graph()  # read once for all rows
    while chunk := list(islice(ids, chunk_size)):
        found = {page.pk: page for page in with_row_relations(pages.filter(pk__in=chunk))}
        for page_id in chunk:
            if page_id in found:
                yield case_row(found.pop(page_id), urls, spread)
