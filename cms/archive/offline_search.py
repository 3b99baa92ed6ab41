"""Search in the archive without a server: the public cases as data for a script, and as lists.

file:// pages cannot fetch JSON, so the index is a .js file that assigns the data to a global;
the archive's search page (templates/cms/archive/search.html) loads it beside its script
(assets/search.js). Without JavaScript the same page lists the cases per focus area and per
municipality.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import override

from core.language_urls import language_path

INDEX_GLOBAL = "KUNSKAPSBANKEN_ARKIV"


@dataclass(frozen=True)
class CaseEntry:
    title: str
    summary: str
    municipality: str
    themes: tuple[str, ...]
    keywords: tuple[str, ...]
    path: str  # the case's address on the site, in the entry's language


def case_entries(language: str) -> list[CaseEntry]:
    """Every public case, ordered by title, with focus area and keyword names in `language`."""
    from cases.models import public_cases

    cases = (
        public_cases()
        .select_related("municipality")
        .prefetch_related("themes", "keywords")
        .order_by("title", "pk")
    )
    with override(language):
        return [
            CaseEntry(
                title=case.title,
                summary=case.summary,
                municipality=case.municipality.name if case.municipality else "",
                themes=tuple(sorted(theme.display_name for theme in case.themes.all())),
                keywords=tuple(sorted(keyword.display_name for keyword in case.keywords.all())),
                path=language_path(case.url, language),
            )
            for case in cases
            if case.url
        ]


def index_script(entries: list[CaseEntry], href: Callable[[str], str]) -> str:
    """The index as JavaScript: one record per case; `href` turns a site path into the link
    from the search page."""
    records = [
        {
            "t": entry.title,
            "s": entry.summary,
            "m": entry.municipality,
            "f": list(entry.themes),
            "k": list(entry.keywords),
            "u": href(entry.path),
        }
        for entry in entries
    ]
    data = json.dumps(records, ensure_ascii=False, indent=0, sort_keys=True)
    return f"window.{INDEX_GLOBAL} = {data};\n"


def grouped(entries: list[CaseEntry], key: Callable[[CaseEntry], tuple[str, ...]]) -> list:
    """[(group name, [entries])], groups and entries in alphabetical order."""
    groups: dict[str, list[CaseEntry]] = {}
    for entry in entries:
        for name in key(entry):
            groups.setdefault(name, []).append(entry)
    return sorted(groups.items())


def by_theme(entries: list[CaseEntry]) -> list:
    return grouped(entries, lambda entry: entry.themes)


def by_municipality(entries: list[CaseEntry]) -> list:
    return grouped(entries, lambda entry: (entry.municipality,) if entry.municipality else ())
