"""Turning a search result into what the page shows: facet links, removable chips, page links.

Pure functions of (request, result): every link is a complete query string, so every state of the
page is a shareable URL and works without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from .forms import FILTER_PARAMETERS, params_from_request
from .request import SearchRequest, SearchResult

FACET_TITLES = {
    "themes": _("Focus area"),
    "counties": _("County"),
    "municipalities": _("Municipality"),
    "statuses": _("Status"),
    "target_groups": _("Target group"),
    "evidence_levels": _("Evidence level"),
    "keywords": _("Keyword"),
}
FACET_ORDER = list(FACET_TITLES)
FIELD_PARAMETER = {field: name for name, field in FILTER_PARAMETERS.items()}


@dataclass
class FacetLink:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class Facet:
    field: str
    parameter: str
    title: str
    links: list[FacetLink]


@dataclass
class Chip:
    label: str
    remove_url: str


def url_for(request: SearchRequest, **changes) -> str:
    """'?…' for the request with changes applied; any change of filters goes back to page 1."""
    changed = replace(request, **changes)
    page = changed.page if set(changes) == {"page"} else 1
    query = params_from_request(changed, page=page).urlencode()
    return f"?{query}" if query else "?"


def _toggle(values: tuple[str, ...], value: str) -> tuple[str, ...]:
    return tuple(v for v in values if v != value) if value in values else (*values, value)


def facets(request: SearchRequest, result: SearchResult) -> list[Facet]:
    shown = []
    for field in FACET_ORDER:
        values = result.facets.get(field, [])
        if not values:
            continue
        current = getattr(request, field)
        links = [
            FacetLink(
                value=value.value,
                label=value.label,
                count=value.count,
                selected=value.selected,
                url=url_for(request, **{field: _toggle(current, value.value)}),
            )
            for value in values
        ]
        shown.append(Facet(field, FIELD_PARAMETER[field], str(FACET_TITLES[field]), links))
    return shown


def chips(request: SearchRequest, result: SearchResult) -> list[Chip]:
    labels = {
        (field, value.value): value.label
        for field, values in result.facets.items()
        for value in values
    }
    found = []
    if request.text:
        # Quotation marks as the language writes them: ”…” in Swedish, “…” in English.
        found.append(Chip(_("“%(text)s”") % {"text": request.text}, url_for(request, text="")))
    for field in FACET_ORDER:
        for value in getattr(request, field):
            label = labels.get((field, value), value)
            found.append(
                Chip(
                    f"{FACET_TITLES[field]}: {label}",
                    url_for(request, **{field: _toggle(getattr(request, field), value)}),
                )
            )
    if request.year_from is not None or request.year_to is not None:
        years = f"{request.year_from or ''}–{request.year_to or ''}"
        label = _("Years: %(years)s") % {"years": years}
        found.append(Chip(label, url_for(request, year_from=None, year_to=None)))
    if request.has_indicators is not None:
        label = (
            _("With measured results") if request.has_indicators else _("Without measured results")
        )
        found.append(Chip(str(label), url_for(request, has_indicators=None)))
    return found


def active_filter_count(request: SearchRequest) -> int:
    """How many filters are chosen (each value, the year range and the results switch count
    once): the number on the phone layout's "Filter (3)" button."""
    count = sum(len(getattr(request, field)) for field in FACET_ORDER)
    count += request.year_from is not None or request.year_to is not None
    return count + (request.has_indicators is not None)


def page_links(request: SearchRequest, result: SearchResult, around: int = 2) -> list[tuple]:
    """(number, url, is_current) for the first, last and nearby pages; None marks a gap."""
    last = result.page_count
    numbers = sorted(
        {1, last, *range(max(1, request.page - around), min(last, request.page + around) + 1)}
    )
    links, previous = [], 0
    for number in numbers:
        if number - previous > 1:
            links.append(None)
        links.append((number, url_for(request, page=number), number == request.page))
        previous = number
    return links


@lru_cache(maxsize=512)
def municipality_options(choices: tuple[tuple[str, str], ...], selected: str) -> SafeString:
    """The <option>s of the "municipalities like" select. The list is the same for every request
    (SCB's 290), so each selection is rendered once per process instead of on every /sok/ view."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (slug, mark_safe(" selected") if slug == selected else "", name)
            for slug, name in choices
        ),
    )
