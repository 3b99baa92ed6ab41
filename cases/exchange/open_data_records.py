"""The records of the open-data package, as JSON-ready dictionaries.

Derived from the one serialisation of a case (cases/serialisation.py): a case record is the
export row (every EXPORT_COLUMNS key, JSON-typed as in the JSON export) plus what a spreadsheet row
cannot hold: indicators, partners, follow-ups, inspirations, attachments, the contact's role, the
description of the evaluation and the body's sections as plain text. Keys are Swedish and
ASCII-only like the column keys; open_data.py describes every one of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from django.db.models import Count, QuerySet

from cases.evidence import spread_uptake
from cases.models import (
    CaseStudyPage,
    GrantAllocation,
    Municipality,
    MunicipalityPage,
    public_cases,
)
from cases.serialisation import case_record as serialised_case
from cases.serialisation import with_parts
from cases.spread import Spread, spread_graph
from themes.models import TargetGroup, Theme, ThemeIndexPage

from .case_rows import CHUNK_SIZE, PageUrls, row_from
from .cells import as_json
from .columns import EXPORT_COLUMNS

# Body section block name -> record key, in reading order.
SECTION_KEYS = {
    "background": "bakgrund",
    "implementation": "genomforande",
    "results": "resultat",
    "challenges": "utmaningar",
    "success_factors": "framgangsfaktorer",
    "lessons": "lardomar",
    "continuation": "fortsattning",
}


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def section_texts(page: CaseStudyPage) -> dict[str, str | None]:
    """Each body section as plain text: one paragraph per block, blocks apart by a blank line."""
    texts: dict[str, str | None] = dict.fromkeys(SECTION_KEYS.values())
    for section in page.body:
        key = SECTION_KEYS.get(section.block_type)
        if key is None:
            continue
        blocks = (
            " ".join(" ".join(child.block.get_searchable_content(child.value)).split())
            for child in section.value
        )
        texts[key] = "\n\n".join(text for text in blocks if text) or None
    return texts


def case_pages() -> QuerySet:
    """Published cases with every related part fetched per chunk, oldest id first."""
    return with_parts(public_cases()).order_by("pk")


def case_record(
    page: CaseStudyPage, urls: PageUrls, uptake: dict | None = None, spread: Spread | None = None
) -> dict:
    case = serialised_case(page, urls, uptake, spread)
    row = row_from(case)
    record = {column.key: as_json(row[column.key], column.kind) for column in EXPORT_COLUMNS}
    record.update(
        {
            "kontakt_roll": case["contact_role"] or None,
            "kontaktbar": case["contactable"],
            "fiktivt_exempel": case["is_example"],
            "utvardering_beskrivning": case["evaluation_description"] or None,
            "evidensniva_visad": case["evidence_level_effective"],
            "avsnitt": section_texts(page),
            "indikatorer": [
                {
                    "namn": indicator["name"],
                    "enhet": indicator["unit"] or None,
                    "utgangsvarde": _number(indicator["baseline"]),
                    "malvarde": _number(indicator["target"]),
                    "utfall": _number(indicator["outcome"]),
                    "ar": indicator["year"],
                }
                for indicator in case["indicators"]
            ],
            "partner": [
                {"namn": partner["name"], "typ": partner["kind"]} for partner in case["partners"]
            ],
            "uppfoljningar": [
                {
                    "ar": follow_up["year"],
                    "text": follow_up["text"],
                    "ny_status": follow_up["status_change"] or None,
                    "orsak_avbrott": follow_up["discontinued_reason"] or None,
                    "genomforande": follow_up["implementation_status"] or None,
                }
                for follow_up in case["follow_ups"]
            ],
            "inspirerad_av": [
                {"id": link["id"], "anpassning": link["note"] or None}
                for link in case["inspirations"]
            ],
            "bilagor": [
                {"titel": attachment["title"], "url": attachment["url"]}
                for attachment in case["attachments"]
            ],
        }
    )
    return record


def case_records(urls: PageUrls, *, chunk_size: int = CHUNK_SIZE) -> Iterator[dict]:
    uptake = spread_uptake()  # the derived evidence level of every case, read once
    spread = spread_graph()  # how far every case spread, read once
    for page in case_pages().iterator(chunk_size=chunk_size):
        yield case_record(page, urls, uptake, spread)


def municipality_records(urls: PageUrls) -> Iterator[dict]:
    """All 290 municipalities; participating ones have a published municipality page."""
    pages = {
        page.municipality_id: page
        for page in MunicipalityPage.objects.live().public().only("url_path", "municipality_id")
    }
    case_counts = dict(
        public_cases()
        .order_by()
        .values("municipality_id")
        .annotate(count=Count("pk"))
        .values_list("municipality_id", "count")
    )
    for municipality in Municipality.objects.order_by("code"):
        page = pages.get(municipality.pk)
        yield {
            "kommunkod": municipality.code,
            "namn": municipality.name,
            "lan_kod": municipality.county_code,
            "lan": municipality.county_name,
            "deltar": page is not None,
            "url": urls(page.url_path) if page else None,
            "publicerade_insatser": case_counts.get(municipality.pk, 0),
        }


def theme_records(urls: PageUrls) -> Iterator[dict]:
    index = ThemeIndexPage.live_pages().public().first()
    base = urls(index.url_path) if index else None
    for theme in Theme.objects.order_by("sort_order", "name"):
        yield {
            "slug": theme.slug,
            "namn": theme.name,
            "beskrivning": theme.description or None,
            "url": base + index.reverse_subpage("theme_detail", args=[theme.slug])
            if base
            else None,
        }


def target_group_records(urls: PageUrls) -> Iterator[dict]:
    for group in TargetGroup.objects.order_by("sort_order", "name"):
        yield {"slug": group.slug, "namn": group.name}


def grant_records(urls: PageUrls) -> Iterator[dict]:
    grants = GrantAllocation.objects.select_related("municipality").order_by(
        "municipality__code", "year", "purpose"
    )
    for grant in grants.iterator(chunk_size=CHUNK_SIZE):
        yield {
            "kommunkod": grant.municipality.code,
            "kommun": grant.municipality.name,
            "ar": grant.year,
            "belopp_kr": grant.amount,
            "syfte": grant.purpose or None,
        }
