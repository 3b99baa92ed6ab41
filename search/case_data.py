"""Every structured field of a published case, for the API and open data."""

from __future__ import annotations

from cases.choices import EVIDENCE_CRITERIA, EvidenceLevel
from cases.models import CaseStudyPage

from .documents import section_texts


def _number(value):
    return None if value is None else float(value)


def case_data(request, page: CaseStudyPage) -> dict:
    municipality = page.municipality
    return {
        "id": page.pk,
        "title": page.title,
        "url": request.build_absolute_uri(page.url),
        "summary": page.summary,
        "is_example": page.is_example,
        "municipality": {
            "code": municipality.code,
            "name": municipality.name,
            "county_code": municipality.county_code,
            "county": municipality.county_name,
        },
        "themes": [{"slug": t.slug, "name": t.name} for t in page.themes.all()],
        "keywords": [k.name for k in page.keywords.all()],
        "target_groups": [{"slug": g.slug, "name": g.name} for g in page.target_groups.all()],
        "status": page.status,
        "start_date": page.start_date.isoformat() if page.start_date else None,
        "end_date": page.end_date.isoformat() if page.end_date else None,
        "grant_amount_sek": page.grant_amount,
        "total_budget_sek": page.total_budget,
        "partners": [{"name": p.name, "kind": p.kind} for p in page.partners.all()],
        "evidence": {
            "level": page.evidence_level,
            "criteria": str(EVIDENCE_CRITERIA[EvidenceLevel(page.evidence_level)]),
            "evaluation_kind": page.evaluation_kind,
            "about": page.evaluation_description,
        },
        "sections": section_texts(page),
        "indicators": [
            {
                "name": i.name,
                "unit": i.unit,
                "baseline": _number(i.baseline),
                "target": _number(i.target),
                "outcome": _number(i.outcome),
                "year": i.year,
            }
            for i in page.indicators.all()
        ],
        "follow_ups": [
            {
                "year": f.year,
                "text": f.text,
                "status_change": f.status_change or None,
                "discontinued_reason": f.discontinued_reason or None,
            }
            for f in page.follow_ups.all()
        ],
        "inspired_by": [
            {"id": link.source_id, "title": link.source.title, "note": link.note}
            for link in page.public_inspirations()
        ],
        "contact": {
            "name": page.contact_name or None,
            "role": page.contact_role or None,
            "email": page.contact_email or None,
            "phone": page.contact_phone or None,
        },
        "attachments": [
            {"title": a.link_text, "url": request.build_absolute_uri(a.document.url)}
            for a in page.attachments.select_related("document")
        ],
        "first_published_at": page.first_published_at.isoformat()
        if page.first_published_at
        else None,
        "last_published_at": page.last_published_at.isoformat() if page.last_published_at else None,
    }
