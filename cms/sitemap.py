"""The sitemap: /sitemap.xml is an index (sitemaps.org `<sitemapindex>`) of numbered files, each
far below the 50,000 addresses and 50 MB a sitemap file may hold.

Two sections, each cut into files of at most SITEMAP_ADDRESSES_PER_FILE addresses (before
languages; every address is listed in each interface language, so a file holds at most twice as
many `<loc>` entries):

- `sidor`: every live, public page of the tree, one address each, in tree order.
- `ovriga`: the public views outside the page tree (/statistik/, /oppna-data/) and the addresses
  pages add through get_sitemap_urls (/teman/ with its focus areas and keywords). These pages may
  add any number of routes, so they are listed here, counted address by address, and never in
  `sidor`.

`lastmod` is when what a visitor sees last changed: a page's own last publication, and for a
page that lists cases (the home page, /kommuner/, a municipality) the newest publication of a
public case below it as well. /statistik/ and /oppna-data/ are computed from every public case.
An index entry's lastmod is the newest lastmod in its file. The search page is left out: it asks
not to be indexed.

Only publishing changes any of this, so the file boundaries, the index dates, the newest case
below each page and the `ovriga` addresses are computed once per content version
(core/content_version.py); a file then reads only its own range of pages.

Every address is listed in each interface language (English under /en/, core/language_urls.py),
each entry with its hreflang alternates: sv, en and x-default (the Swedish address).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from django.conf import settings
from django.db.models import F, Max, Q, Window
from django.db.models.functions import Coalesce, Length, Mod, RowNumber, Substr
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import iri_to_uri
from django.utils.http import http_date
from wagtail.models import Page, Site, get_page_models

from core.content_version import cached
from core.language_urls import language_path

# Public views outside the page tree, by URL name; each shows figures of every public case.
ROUTES = ("statistics", "open_data")
PAGES = "sidor"
OTHER = "ovriga"
SECTIONS = (PAGES, OTHER)
QUOTE = {'"': "&quot;"}
# 10,000 addresses in two languages and their alternates: about 20,000 entries and 8 MB a file.
DEFAULT_ADDRESSES_PER_FILE = 10_000


def addresses_per_file() -> int:
    return getattr(settings, "SITEMAP_ADDRESSES_PER_FILE", DEFAULT_ADDRESSES_PER_FILE)


@dataclass(frozen=True)
class Entry:
    """One address of the site (a path below the site root, with any query) and its lastmod."""

    path: str
    lastmod: datetime | None


# -- pure helpers ---------------------------------------------------------------------------


def newest_per_ancestor(newest_per_parent: Iterable[tuple[str, datetime]]) -> dict[str, datetime]:
    """From the newest public case per parent page (by tree path), the newest case below every
    page that has one. Wagtail's tree paths hold every ancestor's path as a prefix, STEPLEN
    characters a level."""
    newest: dict[str, datetime] = {}
    for parent, when in newest_per_parent:
        if when is None:
            continue
        for end in range(Page.steplen, len(parent) + 1, Page.steplen):
            prefix = parent[:end]
            if prefix not in newest or newest[prefix] < when:
                newest[prefix] = when
    return newest


def file_of(path: str, starts: list[str]) -> int | None:
    """The number (from 1) of the `sidor` file whose range holds `path`; files start at `starts`."""
    position = bisect.bisect_right(starts, path)
    return position or None


def file_dates(
    starts: list[str], own: list[datetime | None], newest_below: dict[str, datetime]
) -> list[datetime | None]:
    """Each `sidor` file's newest lastmod: the newest own publication of its pages (`own`) and
    the newest case below any of its pages."""
    dates = list(own)
    for path, when in newest_below.items():
        number = file_of(path, starts)
        if number is not None:
            current = dates[number - 1]
            dates[number - 1] = when if current is None else max(current, when)
    return dates


def newest(dates: Iterable[datetime | None]) -> datetime | None:
    present = [when for when in dates if when is not None]
    return max(present) if present else None


def language_addresses(path: str, absolute: Callable[[str], str]) -> dict[str, str]:
    """`path` (below the site root, with any query) in each interface language, absolute."""
    bare, _mark, query = path.partition("?")
    query = f"?{query}" if query else ""
    return {code: absolute(language_path(bare, code) + query) for code, _name in settings.LANGUAGES}


def absolute_addresses(request) -> Callable[[str], str]:
    """request.build_absolute_uri for paths, with the scheme and host worked out once."""
    base = request.build_absolute_uri("/")[:-1]
    return lambda path: base + iri_to_uri(path)


def urlset_xml(entries: Iterable[Entry], absolute: Callable[[str], str]) -> str:
    """A sitemap file: every entry once per interface language, each with every language's
    address as hreflang alternates (and x-default, the site's default language)."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
    ]
    default = settings.LANGUAGE_CODE
    for entry in entries:
        lastmod = (
            f"<lastmod>{timezone.localdate(entry.lastmod).isoformat()}</lastmod>"
            if entry.lastmod
            else ""
        )
        where = {
            code: escape(url, QUOTE)
            for code, url in language_addresses(entry.path, absolute).items()
        }
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{code}" href="{url}"/>'
            for code, url in [*where.items(), ("x-default", where[default])]
        )
        parts.extend(f"<url><loc>{url}</loc>{lastmod}{links}</url>\n" for url in where.values())
    parts.append("</urlset>\n")
    return "".join(parts)


def index_xml(files: Iterable[tuple[str, datetime | None]]) -> str:
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    ]
    for location, lastmod in files:
        when = (
            f"<lastmod>{timezone.localtime(lastmod).isoformat(timespec='seconds')}</lastmod>"
            if lastmod
            else ""
        )
        parts.append(f"<sitemap><loc>{escape(location)}</loc>{when}</sitemap>\n")
    parts.append("</sitemapindex>\n")
    return "".join(parts)


def last_modified(dates: Iterable[datetime | None]) -> dict[str, str]:
    """The Last-Modified header for a response built from `dates` (conditional GET, 304)."""
    latest = newest(dates)
    return {"Last-Modified": http_date(latest.timestamp())} if latest else {}


# -- queries --------------------------------------------------------------------------------


def route_page_models() -> list[type[Page]]:
    """Page types that list addresses of their own (RoutablePage routes) in the sitemap."""
    return [
        model for model in get_page_models() if model.get_sitemap_urls is not Page.get_sitemap_urls
    ]


def site_root(request) -> Page:
    site = Site.find_for_request(request)
    if site is None:
        site = Site.objects.select_related("root_page").get(is_default_site=True)
    return site.root_page


def site_pages(root: Page):
    return root.get_descendants(inclusive=True).live().public().order_by("path")


def tree_pages(root: Page):
    """The pages of `sidor`: every live public page but those with routes of their own."""
    models = route_page_models()
    return site_pages(root).not_type(*models) if models else site_pages(root)


def relative_path(url_path: str, root_url_path: str) -> str:
    """A page's address below the site root, as Wagtail's get_url_parts makes it."""
    return url_path[len(root_url_path) - 1 :]


def own_date():
    # Wagtail's rule: the last publication, or for very old pages the newest revision.
    return Coalesce("last_published_at", "latest_revision_created_at")


def compute_newest_below() -> dict[str, datetime]:
    from cases.models import public_cases

    parents = (
        public_cases()
        .order_by()
        .values_list(Substr("path", 1, Length("path") - Page.steplen))
        .annotate(newest=Max("last_published_at"))
    )
    return newest_per_ancestor(parents)


def newest_below() -> dict[str, datetime]:
    """Tree path -> the newest publication of a public case below that page."""
    return cached("sitemap_newest_below", (), compute_newest_below)


def compute_page_files(root: Page, size: int) -> dict:
    """Where each `sidor` file starts (a tree path) and its newest lastmod: one window query for
    the starts, one aggregate for the dates."""
    pages = tree_pages(root)
    starts = list(
        pages.annotate(number=Window(RowNumber(), order_by=F("path").asc()))
        .annotate(rest=Mod(F("number") - 1, size))
        .filter(rest=0)
        .values_list("path", flat=True)
    )
    if not starts:
        return {"starts": [], "dates": []}
    bounds = [*starts[1:], None]
    own = pages.order_by().aggregate(
        **{
            f"file{number}": Max(
                own_date(), filter=Q(path__gte=start) & (Q(path__lt=end) if end else Q())
            )
            for number, (start, end) in enumerate(zip(starts, bounds, strict=True))
        }
    )
    below = {path: when for path, when in newest_below().items() if path.startswith(root.path)}
    dates = file_dates(starts, [own[f"file{n}"] for n in range(len(starts))], below)
    return {"starts": starts, "dates": dates}


def page_files(root: Page) -> dict:
    size = addresses_per_file()
    return cached("sitemap_page_files", (root.pk, size), lambda: compute_page_files(root, size))


def compute_other_entries(root: Page, request) -> list[Entry]:
    from cases.models import public_cases

    changed = public_cases().aggregate(newest=Max("last_published_at"))["newest"]
    with translation.override(settings.LANGUAGE_CODE):
        entries = [Entry(reverse(name), changed) for name in ROUTES]
    models = route_page_models()
    for page in site_pages(root).type(*models).specific() if models else []:
        for url in page.get_sitemap_urls(request):
            parts = urlsplit(url["location"])
            query = f"?{parts.query}" if parts.query else ""
            entries.append(Entry(parts.path + query, url.get("lastmod")))
    return entries


def other_entries(root: Page, request) -> list[Entry]:
    """The `ovriga` section's addresses, in order."""
    return cached("sitemap_other", (root.pk,), lambda: compute_other_entries(root, request))


def page_entries(root: Page, number: int) -> list[Entry] | None:
    """The `sidor` file `number` (from 1), or None when there is no such file."""
    starts = page_files(root)["starts"]
    if not 1 <= number <= len(starts):
        return None
    pages = tree_pages(root).filter(path__gte=starts[number - 1])
    if number < len(starts):
        pages = pages.filter(path__lt=starts[number])
    below = newest_below()
    entries = []
    for path, url_path, own in pages.values_list("path", "url_path", own_date()):
        when = below.get(path)
        lastmod = own if when is None else max(filter(None, [own, when]))
        entries.append(Entry(relative_path(url_path, root.url_path), lastmod))
    return entries


def other_file(root: Page, request, number: int) -> list[Entry] | None:
    size = addresses_per_file()
    entries = other_entries(root, request)
    if not 1 <= number <= max(1, math.ceil(len(entries) / size)):
        return None
    return entries[(number - 1) * size : number * size]


def index_files(root: Page, request) -> list[tuple[str, int, datetime | None]]:
    """Every file of the sitemap: (section, number, newest lastmod in it)."""
    files = [
        (PAGES, number, when) for number, when in enumerate(page_files(root)["dates"], start=1)
    ]
    size = addresses_per_file()
    others = other_entries(root, request)
    for number in range(1, math.ceil(len(others) / size) + 1):
        chunk = others[(number - 1) * size : number * size]
        files.append((OTHER, number, newest(entry.lastmod for entry in chunk)))
    return files
