"""One serialisation of a published case, in neutral terms.

`case_record(page, urls)` holds every structured field of a case once, as Python values under
canonical keys (the model's field names). Each consumer derives its own shape from it and picks
its key language at the edge: the API document (search/case_data.py, English keys), the export
rows (cases/exchange/case_rows.py, the Swedish column keys via Column.field) and the open-data
records (cases/exchange/open_data_records.py, Swedish keys). Empty text stays "" here; whether it
becomes null is the edge's choice, as are number and date formats.

Reading 100,000 cases for an export costs a fixed number of queries per chunk when the pages come
from `with_parts()` (or `with_row_relations()` for rows only).
"""

from __future__ import annotations

from typing import Protocol

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from cases.evidence import effective_level, spread_uptake
from cases.models import CaseAttachment, CaseInspiration, CaseStudyPage, public_cases
from cases.spread import Spread, spread_graph

ROW_RELATIONS = ("themes", "keywords", "target_groups")


class Urls(Protocol):
    """Where a case page and a file on the site are: absolute addresses, or None."""

    def page(self, page: CaseStudyPage) -> str | None: ...

    def absolute(self, path: str) -> str: ...


def with_row_relations(pages: QuerySet) -> QuerySet:
    return pages.select_related("municipality").prefetch_related(*ROW_RELATIONS)


def part_prefetches() -> list:
    """The inline parts a full record reads, each fetched once for a batch of pages."""
    return [
        "indicators",
        "partners",
        "follow_ups",
        # Only links whose source anyone may see, so every id resolves.
        Prefetch(
            "inspirations",
            queryset=CaseInspiration.objects.filter(
                source__in=public_cases().values("pk")
            ).select_related("source"),
        ),
        Prefetch("attachments", queryset=CaseAttachment.objects.select_related("document")),
    ]


def with_parts(pages: QuerySet) -> QuerySet:
    return with_row_relations(pages).prefetch_related(*part_prefetches())


def case_fields(page: CaseStudyPage, urls: Urls, spread: Spread | None = None) -> dict:
    """The case's own fields – what fits in one spreadsheet row. `spread` is `spread_graph()`,
    read once by callers that serialise many cases."""
    municipality = page.municipality
    spread = spread_graph() if spread is None else spread
    return {
        "id": page.pk,
        "municipality": municipality.code if municipality else None,
        "municipality_name": municipality.name if municipality else None,
        "county_code": municipality.county_code if municipality else None,
        "county_name": municipality.county_name if municipality else None,
        "title": page.title,
        "summary": page.summary,
        "is_example": page.is_example,
        "themes": [{"slug": theme.slug, "name": theme.name} for theme in page.themes.all()],
        # The prefetched keywords come in no particular order; sorted, output is repeatable.
        "keywords": sorted(keyword.name for keyword in page.keywords.all()),
        "target_groups": [
            {"slug": group.slug, "name": group.name} for group in page.target_groups.all()
        ],
        "status": page.status,
        "start_date": page.start_date,
        "end_date": page.end_date,
        "grant_amount": page.grant_amount,
        "total_budget": page.total_budget,
        "evidence_level": page.evidence_level,
        "evaluation_kind": page.evaluation_kind,
        "evaluation_description": page.evaluation_description,
        "contact_name": page.contact_name,
        "contact_role": page.contact_role,
        "contact_phone": page.contact_phone,
        # The address itself is never published; readers write through the contact form.
        "contactable": bool(page.contact_email),
        "contact_url": (
            urls.absolute(reverse("case_contact", args=[page.pk])) if page.contact_email else None
        ),
        # Other municipalities that took the case up, directly or not (cases/spread.py).
        "inspired_municipalities": len(spread.of(page.pk)),
        "url": urls.page(page),
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
    }


def case_record(
    page: CaseStudyPage, urls: Urls, uptake: dict | None = None, spread: Spread | None = None
) -> dict:
    """Every structured field of the case, inline parts included (body sections excepted: the
    API and open data render them as plain text each in their own way).

    `evidence_level` is the level the editor chose (what an import sets); the level the case
    shows, which may be the derived "tried in several municipalities", is
    `evidence_level_effective` (cases/evidence.py). `uptake` is `spread_uptake()`, read once by
    callers that serialise many cases."""
    record = case_fields(page, urls, spread)
    uptake = spread_uptake() if uptake is None else uptake
    record.update(
        {
            "evidence_level_effective": effective_level(page.evidence_level, page.pk in uptake),
            "indicators": [
                {
                    "name": indicator.name,
                    "unit": indicator.unit,
                    "baseline": indicator.baseline,
                    "target": indicator.target,
                    "outcome": indicator.outcome,
                    "year": indicator.year,
                }
                for indicator in page.indicators.all()
            ],
            "partners": [
                {"name": partner.name, "kind": partner.kind} for partner in page.partners.all()
            ],
            "follow_ups": [
                {
                    "year": follow_up.year,
                    "text": follow_up.text,
                    "status_change": follow_up.status_change,
                    "discontinued_reason": follow_up.discontinued_reason,
                    "implementation_status": follow_up.implementation_status,
                }
                for follow_up in page.follow_ups.all()
            ],
            "inspirations": [
                {"id": link.source_id, "title": link.source.title, "note": link.note}
                for link in page.inspirations.all()
            ],
            "attachments": [
                {"title": attachment.link_text, "url": urls.absolute(attachment.document.url)}
                for attachment in page.attachments.all()
            ],
        }
    )
    return record
