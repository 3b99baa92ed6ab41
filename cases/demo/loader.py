"""Demo content: ten participating municipalities and their fictional cases.

Everything loaded here is marked as an example on the page, names no real person and makes no
claim about any municipality's real results. Loading is idempotent: what exists (by municipality
code, case slug, grant year and purpose, image title) is left alone.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model

from cases.case_builder import Vocabulary, build_case, paragraphs_html
from cases.models import CaseStudyPage, GrantAllocation, Municipality, MunicipalityPage
from cases.participation import add_participant

from .illustrations import draw_illustration
from .keywords import name_keywords_in_english, read_english_keyword_names

# The demo site's public contact (footer, accessibility statement): fictional, like the content.
# The load_demo command hands it to setup_site, which owns the site settings.
DEMO_CONTACT_EMAIL = "kunskapsbanken@example.org"
DEMO_DATA = Path(__file__).resolve().parent.parent / "demo_data"
ILLUSTRATION_COUNT = 12


@dataclass
class DemoReport:
    municipalities_created: int = 0
    grants_created: int = 0
    cases_created: int = 0
    images_created: int = 0
    skipped_cases: list[str] = field(default_factory=list)


def read_demo_data(directory: Path = DEMO_DATA) -> tuple[list[dict], list[dict]]:
    municipalities = json.loads((directory / "municipalities.json").read_text(encoding="utf-8"))
    cases = json.loads((directory / "cases.json").read_text(encoding="utf-8"))
    return municipalities, cases


@transaction.atomic
def load_demo(municipalities: list[dict], cases: list[dict]) -> DemoReport:
    report = DemoReport()
    pages = {item["code"]: _load_municipality(item, report) for item in municipalities}
    images = _ensure_illustrations(report)
    used = {keyword for spec in cases for keyword in spec.get("keywords", [])}
    english = read_english_keyword_names()
    name_keywords_in_english({name: english[name] for name in sorted(used) if name in english})
    vocabulary = Vocabulary()
    existing = {
        case.slug: case
        for case in CaseStudyPage.objects.filter(slug__in=[c["slug"] for c in cases])
    }
    for position, spec in enumerate(cases):
        if spec["slug"] in existing:
            report.skipped_cases.append(spec["slug"])
            continue
        parent = pages[spec["municipality"]]
        page = build_case(
            spec,
            vocabulary,
            sources=existing,
            hero_image=images[position % len(images)] if position % 3 != 2 else None,
            is_example=True,
        )
        page.first_published_at = _demo_publication_date(spec)
        parent.add_child(instance=page)
        page.save_revision().publish()
        existing[page.slug] = page
        report.cases_created += 1
    return report


def _load_municipality(item: dict, report: DemoReport) -> MunicipalityPage:
    municipality = Municipality.objects.get(code=item["code"])
    contact = item.get("contact") or {}
    participant = add_participant(
        municipality,
        overview=paragraphs_html(item.get("overview", [])),
        plan_summary=item.get("plan_summary", ""),
        contact_role=contact.get("role") or "",
        contact_email=contact.get("email") or "",
        contact_phone=contact.get("phone") or "",
        is_example=True,
    )
    report.municipalities_created += participant.created
    for grant in item.get("grants", []):
        _, grant_created = GrantAllocation.objects.get_or_create(
            municipality=municipality,
            year=grant["year"],
            purpose=grant.get("purpose", ""),
            defaults={"amount": grant["amount"]},
        )
        report.grants_created += grant_created
    return participant.page


def _ensure_illustrations(report: DemoReport) -> list:
    image_model = get_image_model()
    images = []
    for seed in range(ILLUSTRATION_COUNT):
        title = f"Exempelillustration {seed + 1}"
        image = image_model.objects.filter(title=title).first()
        if image is None:
            png, colour_words = draw_illustration(seed)
            image = image_model(
                title=title,
                description=f"Abstrakt illustration med mjuka former i {colour_words}",
                file=ImageFile(io.BytesIO(png), name=f"exempel-{seed + 1}.png"),
            )
            image.save()
            report.images_created += 1
        images.append(image)
    return images


def _demo_publication_date(spec: dict) -> datetime | None:
    """Demo publication dates spread over the cases' lifetimes, so 'newest' means something.
    Wagtail keeps a first_published_at that is already set when it publishes."""
    if not spec.get("start_date"):
        return None
    started = datetime.combine(
        date.fromisoformat(spec["start_date"]), time(9, 0), tzinfo=timezone.get_current_timezone()
    )
    return min(started + timedelta(days=90), timezone.now())
