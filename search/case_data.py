"""Every structured field of a published case, for the API (English keys).

Derived from the one serialisation of a case (cases/serialisation.py), like the exports and the
open-data records; this module only chooses the API's shape, keys and formats.
"""

from __future__ import annotations

from django.db.models import prefetch_related_objects

from cases.choices import EvidenceLevel
from cases.evidence import published_criteria
from cases.models import CaseStudyPage
from cases.serialisation import ROW_RELATIONS, case_record, part_prefetches

from .documents import section_texts


class RequestUrls:
    """Addresses on the host the request came to."""

    def __init__(self, request):
        self.request = request

    def page(self, page: CaseStudyPage) -> str:
        return self.request.build_absolute_uri(page.url)

    def absolute(self, path: str) -> str:
        return self.request.build_absolute_uri(path)


def _number(value):
    return None if value is None else float(value)


def _iso(value):
    return value.isoformat() if value else None


def case_data(request, page: CaseStudyPage) -> dict:
    prefetch_related_objects([page], *ROW_RELATIONS, *part_prefetches())
    case = case_record(page, RequestUrls(request))
    return {
        "id": case["id"],
        "title": case["title"],
        "url": case["url"],
        "summary": case["summary"],
        "is_example": case["is_example"],
        "municipality": {
            "code": case["municipality"],
            "name": case["municipality_name"],
            "county_code": case["county_code"],
            "county": case["county_name"],
        },
        "themes": case["themes"],
        "keywords": case["keywords"],
        "target_groups": case["target_groups"],
        "status": case["status"],
        "start_date": _iso(case["start_date"]),
        "end_date": _iso(case["end_date"]),
        "grant_amount_sek": case["grant_amount"],
        "total_budget_sek": case["total_budget"],
        "partners": case["partners"],
        "evidence": {
            # The level the case shows (it may be derived from the cases it inspired) and the
            # one its municipality chose.
            "level": case["evidence_level_effective"],
            "label": str(EvidenceLevel(case["evidence_level_effective"]).label),
            "chosen_level": case["evidence_level"],
            "chosen_label": str(EvidenceLevel(case["evidence_level"]).label),
            "criteria": published_criteria()[case["evidence_level_effective"]].criteria,
            "evaluation_kind": case["evaluation_kind"],
            "about": case["evaluation_description"],
        },
        "sections": section_texts(page),
        "indicators": [
            {
                **indicator,
                "baseline": _number(indicator["baseline"]),
                "target": _number(indicator["target"]),
                "outcome": _number(indicator["outcome"]),
            }
            for indicator in case["indicators"]
        ],
        "follow_ups": [
            {
                **follow_up,
                "status_change": follow_up["status_change"] or None,
                "discontinued_reason": follow_up["discontinued_reason"] or None,
                "implementation_status": follow_up["implementation_status"] or None,
            }
            for follow_up in case["follow_ups"]
        ],
        "inspired_by": case["inspirations"],
        "contact": {
            "name": case["contact_name"] or None,
            "role": case["contact_role"] or None,
            "phone": case["contact_phone"] or None,
            "contactable": case["contactable"],
            "contact_url": case["contact_url"],
        },
        "attachments": case["attachments"],
        "first_published_at": _iso(case["first_published_at"]),
        "last_published_at": _iso(case["last_published_at"]),
    }
