"""The similar municipalities as the site shows them: computed once per content version for all
municipalities (one cache entry, core/content_version.py), so a page showing them reads nothing
more once the entry is warm. Importing figures or publishing changes the version."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from django.db.models import Count, Exists, F, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction

from cases.models import Municipality, MunicipalityPage, public_cases
from cases.municipality_list import read_official_list
from core.content_version import cached

from .indicators import GROUP, NUMERIC, weights
from .models import KeyFigure
from .similarity import Profile, similar_table

SHOWN = 5  # on the municipality and case pages
SEARCH_LIMIT = 10  # "kommuner som liknar min" in search: these and the municipality itself
KEPT = max(SHOWN, SEARCH_LIMIT)


def profiles_from_rows(rows) -> dict[str, Profile]:
    """Newest year with a value per municipality and indicator. rows: (code, indicator, year,
    value, category, is_demo), any order."""
    newest: dict[str, dict[str, tuple]] = defaultdict(dict)
    for code, key, year, value, category, demo in rows:
        if value is None and not category:
            continue
        current = newest[code].get(key)
        if current is None or year > current[0]:
            newest[code][key] = (year, value, category, demo)
    profiles = {}
    for code, figures in newest.items():
        group = figures.get(GROUP)
        values = {k: float(v[1]) for k, v in figures.items() if k != GROUP and v[1] is not None}
        profiles[code] = Profile(
            code=code,
            values=values,
            group=group[2] if group else "",
            years={key: figure[0] for key, figure in figures.items()},
            demo=any(figure[3] for figure in figures.values()),
        )
    return profiles


def _compute() -> dict:
    rows = KeyFigure.objects.values_list(
        "municipality__code", "indicator", "year", "value", "category", "is_demo"
    )
    profiles = profiles_from_rows(rows)
    log_keys = [indicator.key for indicator in NUMERIC if indicator.log_scale]
    table = similar_table(profiles.values(), weights(), KEPT, log_keys)
    # Public: no view restriction on the page or an ancestor – tested inside each query, so this
    # reads no restriction rows of its own (Wagtail's .public() reads them all at every call).
    private = Exists(
        PageViewRestriction.objects.annotate(
            prefix=Substr(OuterRef("path"), 1, Length("page__path"))
        ).filter(page__path=F("prefix"))
    )
    pages = {
        page.municipality.code: page.url
        for page in MunicipalityPage.objects.live().exclude(private).select_related("municipality")
    }
    # public_cases() reads the few restrictions once and excludes their subtrees by path; the
    # per-row test above took 0.4 s over 100,000 cases.
    cases = dict(
        public_cases()
        .order_by()
        .values_list("municipality__code")
        .annotate(count=Count("pk"))
        .values_list("municipality__code", "count")
    )
    names = {
        m.code: (m.name, m.slug, m.county_name)
        for m in Municipality.objects.filter(code__in=profiles).only(
            "code", "name", "slug", "county_name"
        )
    }
    entries = {}
    for code, profile in profiles.items():
        name, slug, county = names.get(code, (code, "", ""))
        entries[code] = {
            "code": code,
            "name": name,
            "slug": slug,
            "county": county,
            "url": pages.get(code) or "",
            "cases": cases.get(code, 0),
            "values": dict(profile.values),
            "years": dict(profile.years),
            "group": profile.group,
            "demo": profile.demo,
        }
    return {"entries": entries, "similar": table}


def overview() -> dict:
    return cached("similar_municipalities", (), _compute)


def similar_to(code: str, limit: int = SHOWN, data: dict | None = None) -> dict:
    """What a page shows about `code`: its own figures, whether it can be compared, and its most
    similar municipalities (each with figures, page address and number of public cases)."""
    data = data or overview()
    entries = data["entries"]
    own = entries.get(code)
    neighbours = [entries[other] for other, _gap in data["similar"].get(code, [])[:limit]]
    return {
        "own": own,
        "comparable": code in data["similar"],
        "neighbours": neighbours,
        "demo": bool(own and own["demo"]) or any(n["demo"] for n in neighbours),
    }


def search_codes(slug: str) -> tuple[str | None, tuple[str, ...]] | None:
    """For search's "kommuner som liknar": (the municipality's name, its code and the codes of
    the SEARCH_LIMIT most similar); None for an unknown slug. Without figures: (name, ())."""
    data = overview()
    for code, entry in data["entries"].items():
        if entry["slug"] == slug:
            similar = data["similar"].get(code)
            if not similar:
                return entry["name"], ()
            return entry["name"], (code, *(other for other, _gap in similar[:SEARCH_LIMIT]))
    municipality = Municipality.objects.filter(slug=slug).only("name").first()
    return (municipality.name, ()) if municipality else None


@lru_cache(maxsize=1)
def choices() -> tuple[tuple[str, str], ...]:
    """(slug, name) of every municipality in SCB's list, by name – for the search form. Read
    from the shipped file, not the database: /sok/ counts its queries, and one without figures
    is answered with a notice when chosen."""
    records = sorted(read_official_list(), key=lambda record: record.name)
    return tuple((record.slug, record.name) for record in records)
