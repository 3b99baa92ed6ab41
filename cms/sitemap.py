"""sitemap.xml: every live, public page, the routes pages add through get_sitemap_urls (focus
areas, keywords) and the public views outside the page tree (/statistik/, /oppna-data/).

`lastmod` is when what a visitor sees last changed: a page's own last publication, and for a
page that lists cases (the home page, /kommuner/, a municipality) the newest publication of a
public case below it as well. /statistik/ and /oppna-data/ are computed from every public case.
The search page is left out: it asks not to be indexed.

Every address is listed in each interface language (English under /en/, core/language_urls.py),
each entry with its hreflang alternates: sv, en and x-default (the Swedish address).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page

from core.language_urls import language_path

# Public views outside the page tree, by URL name; each shows figures of every public case.
ROUTES = ("statistics", "open_data")


def newest_case_below(pages) -> dict[int, datetime]:
    """For each page, the newest last publication of a public case among its descendants
    (pages with none are left out). Wagtail's tree paths hold every ancestor's path as a prefix,
    STEPLEN characters a level."""
    from cases.models import public_cases

    newest: dict[str, datetime] = {}
    published = public_cases().exclude(last_published_at=None).order_by()
    for path, when in published.values_list("path", "last_published_at"):
        for end in range(Page.steplen, len(path), Page.steplen):
            prefix = path[:end]
            if prefix not in newest or newest[prefix] < when:
                newest[prefix] = when
    return {page.pk: newest[page.path] for page in pages if page.path in newest}


def newest_public_case() -> datetime | None:
    from cases.models import public_cases

    return public_cases().aggregate(newest=Max("last_published_at"))["newest"]


class RequestSitemap(Sitemap):
    """Wagtail's sitemap with addresses on the host the sitemap was requested from.

    Wagtail builds them from the Site record, which setup_site creates as "localhost"; the
    canonical links in the pages (cms/sharing.py) use the request's address, and the two must agree.
    """

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        below = newest_case_below(pages)
        urls = []
        for item in pages:
            entries = item.get_sitemap_urls(self.request)
            if entries and item.pk in below:
                entries[0]["lastmod"] = max(filter(None, [entries[0]["lastmod"], below[item.pk]]))
            urls.extend(entries)
        if page == 1 and self.request is not None:
            changed = newest_public_case()
            urls.extend(
                {"location": self.request.build_absolute_uri(reverse(name)), "lastmod": changed}
                for name in ROUTES
            )
        last_mods = [url.get("lastmod") for url in urls]
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        if self.request is None:
            return urls
        return [
            entry
            for url in urls
            for entry in in_every_language(url, self.request.build_absolute_uri)
        ]


def in_every_language(url: dict, absolute: Callable[[str], str]) -> list[dict]:
    """The sitemap entry `url` once per interface language, each with every language's address
    as hreflang alternates (and x-default, the site's default language)."""
    parts = urlsplit(url["location"])
    query = f"?{parts.query}" if parts.query else ""
    codes = [code for code, _name in settings.LANGUAGES]
    locations = {code: absolute(language_path(parts.path, code) + query) for code in codes}
    alternates = [{"lang_code": code, "location": where} for code, where in locations.items()]
    alternates.append({"lang_code": "x-default", "location": locations[settings.LANGUAGE_CODE]})
    return [{**url, "location": where, "alternates": alternates} for where in locations.values()]
