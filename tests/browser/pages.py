"""One URL per public page type on the running test site, found by following its links.

The browser tests follow the demo content the way a visitor does – from /kommuner/ to a
municipality to a case, from /teman/ to a focus area, from a case to a keyword – rather than
hard-coding slugs that may change with the demo.
"""

from __future__ import annotations

import re
from functools import cache
from html import unescape
from urllib.error import HTTPError
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest

from tests.servers import fetch

PAGE_TYPES = [
    "home",
    "municipality-index",
    "municipality",
    "case",
    "theme-index",
    "theme",
    "keyword",
    "search",
    "search-query",
    "search-filtered",
    "search-similar",
    "standard",
    "accessibility-statement",
    "statistics",
    "statistics-spread",
    "case-spread",
    "open-data",
    "api-docs",
    "evidence-levels",
    "privacy",
    "follow",
    "contact",
    "export-job",
    "not-found",
]

FIXED_PATHS = {
    "home": "/",
    "municipality-index": "/kommuner/",
    "theme-index": "/teman/",
    "search": "/sok/",
    "search-query": "/sok/?q=brobyggare",
    "search-filtered": "/sok/?q=brobyggare&tema=grundskola&resultat=ja",
    "search-similar": "/sok/?liknar=filipstad",
    "standard": "/om/",
    "statistics": "/statistik/",
    "statistics-spread": "/statistik/spridning/",
    "open-data": "/oppna-data/",
    "api-docs": "/oppna-data/api/",
    "evidence-levels": "/om/evidensnivaer/",
    "privacy": "/om/personuppgifter/",
    "not-found": "/den-har-sidan-finns-inte/",
}

LINK = re.compile(r'<a\b[^>]*?\bhref="([^"]*)"[^>]*>(.*?)</a>', re.S)
MAIN = re.compile(r"<main\b.*?</main>", re.S)


class PublicPages:
    """path(kind) gives the path of one page of that type; a type that cannot be found fails
    the test that asked for it, saying what was looked for."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.path = cache(self._path)
        self._html = cache(self._fetch)

    def _fetch(self, path: str) -> str:
        try:
            return fetch(self.base_url + path)[1]
        except HTTPError as error:
            pytest.fail(f"GET {path} answered {error.code} while looking for pages to test")

    def _main(self, path: str) -> str:
        found = MAIN.search(self._html(path))
        return found.group(0) if found else ""

    def links(self, path: str, pattern: str) -> list[str]:
        """Paths linked from the <main> of `path` that match `pattern`, in page order."""
        hrefs = [unescape(href) for href, _text in LINK.findall(self._main(path))]
        return list(dict.fromkeys(href for href in hrefs if re.fullmatch(pattern, href)))

    def _path(self, kind: str) -> str:
        if kind in FIXED_PATHS:
            return FIXED_PATHS[kind]
        finder = getattr(self, "_find_" + kind.replace("-", "_"))
        path = finder()
        if not path:
            pytest.fail(f"found no {kind} page to test: looked for {finder.__doc__}", pytrace=False)
        return path

    def _find_municipality(self) -> str | None:
        """the first municipality linked from /kommuner/"""
        return next(iter(self.links("/kommuner/", r"/kommuner/[^/]+/")), None)

    def _find_case(self) -> str | None:
        """a case linked from a municipality page, preferring one with a hero image, result
        indicators (a table) and attachments (links to /dokument/)"""
        best, best_score = None, -1
        for municipality in self.links("/kommuner/", r"/kommuner/[^/]+/"):
            for case in self.links(municipality, re.escape(municipality) + r"[^/]+/"):
                html = self._main(case)
                score = ("<img" in html) * 4 + ("<table" in html) * 2 + ("/dokument/" in html)
                if score > best_score:
                    best, best_score = case, score
                if score == 7:
                    return best
        return best

    def _find_case_spread(self) -> str | None:
        """the most spread practice linked from /statistik/spridning/ (a case page with
        "Har inspirerat N kommuner" and its map)"""
        return next(iter(self.links("/statistik/spridning/", r"/kommuner/[^/]+/[^/]+/")), None)

    def _find_theme(self) -> str | None:
        """the first focus area linked from /teman/"""
        return next(iter(self.links("/teman/", r"/teman/(?!nyckelord/)[^/]+/")), None)

    def _find_keyword(self) -> str | None:
        """the first keyword linked from the case page"""
        return next(iter(self.links(self.path("case"), r"/teman/nyckelord/[^/]+/")), None)

    def _find_follow(self) -> str | None:
        """the focus-area page's link to following it by e-mail (/folj/?tema=…)"""
        return next(iter(self.links(self.path("theme"), r"/folj/\?tema=[^/]+")), None)

    def _find_contact(self) -> str | None:
        """the case page's link to its contact form (/insats/<id>/kontakta/)"""
        return next(iter(self.links(self.path("case"), r"/insats/\d+/kontakta/")), None)

    def _find_export_job(self) -> str | None:
        """the page /sok/export.csv sends a visitor to when the list is longer than
        EXPORT_BACKGROUND_THRESHOLD (10 on the test site; its immediate task queue has the file
        ready at once)"""
        with urlopen(self.base_url + "/sok/export.csv", timeout=60) as response:
            path = urlsplit(response.url).path
        return path if path.startswith("/sok/export/") else None

    def _find_accessibility_statement(self) -> str | None:
        """a link on the home page whose text contains "tillgänglighet" (the footer's link to
        the accessibility statement, shown once Site settings point at the page)"""
        for href, text in LINK.findall(self._html("/")):
            if "tillgänglighet" in unescape(re.sub(r"<[^>]+>", "", text)).lower():
                return urlsplit(unescape(href)).path
        return None
