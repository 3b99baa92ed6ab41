"""Build an unsaved CaseStudyPage, with all its inline parts, from a plain dictionary.

The demo loader, the synthetic generator and imports all describe cases as dictionaries in the
shape of cases/demo_data/cases.json; building them in one place keeps every path to a case equal
to what an editor would produce in the admin (one revision holding all inline parts).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from django.utils.html import escape

from themes.models import Keyword, TargetGroup, Theme

from .blocks import CaseBodyBlock
from .models import (
    CaseInspiration,
    CaseKeyword,
    CasePartner,
    CaseStudyPage,
    FollowUpUpdate,
    ResultIndicator,
)

SECTION_ORDER = list(CaseBodyBlock.base_blocks.keys())
QUOTE_SECTION = "implementation"


class Vocabulary:
    """Themes and target groups by slug, and keywords by name, fetched once per load rather than
    once per case. Keywords that taggit creates are remembered too, so a vocabulary must not
    outlive a transaction that is rolled back."""

    def __init__(self):
        self.themes = {theme.slug: theme for theme in Theme.objects.all()}
        self.target_groups = {group.slug: group for group in TargetGroup.objects.all()}
        self.keywords = {keyword.name: keyword for keyword in Keyword.objects.all()}

    def keyword_tags(self, names: list[str]) -> list[Keyword | str]:
        """Known keywords as objects; new names stay names, which taggit creates."""
        return [self.keywords.get(name, name) for name in names]

    def remember_keywords(self, page: CaseStudyPage) -> None:
        for keyword in page.keywords.all():
            self.keywords.setdefault(keyword.name, keyword)


def paragraphs_html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{escape(text)}</p>" for text in paragraphs)


def body_stream(sections: dict[str, list[str]], quote: dict | None) -> str:
    stream = []
    for name in SECTION_ORDER:
        content = []
        if sections.get(name):
            content.append({"type": "text", "value": paragraphs_html(sections[name])})
        if quote and name == QUOTE_SECTION:
            content.append(
                {
                    "type": "quote",
                    "value": {"text": quote["text"], "attribution": quote.get("attribution", "")},
                }
            )
        if content:
            stream.append({"type": name, "value": content})
    return json.dumps(stream)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def build_case(
    spec: dict,
    vocabulary: Vocabulary,
    *,
    sources: dict[str, CaseStudyPage] | None = None,
    hero_image=None,
    is_example: bool = False,
) -> CaseStudyPage:
    contact = spec.get("contact") or {}
    page = CaseStudyPage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        status=spec["status"],
        start_date=_date(spec.get("start_date")),
        end_date=_date(spec.get("end_date")),
        grant_amount=spec.get("grant_amount"),
        total_budget=spec.get("total_budget"),
        evidence_level=spec.get("evidence_level", "not_evaluated"),
        evaluation_kind=spec.get("evaluation_kind", "none"),
        evaluation_description=spec.get("evaluation_description", ""),
        body=body_stream(spec.get("sections", {}), spec.get("quote")),
        contact_name=contact.get("name") or "",
        contact_role=contact.get("role") or "",
        contact_email=contact.get("email") or "",
        contact_phone=contact.get("phone") or "",
        hero_image=hero_image,
        is_example=is_example,
    )
    page.themes = [vocabulary.themes[slug] for slug in spec["themes"]]
    page.target_groups = [vocabulary.target_groups[slug] for slug in spec.get("target_groups", [])]
    keywords = vocabulary.keyword_tags(spec.get("keywords", []))
    if any(isinstance(keyword, str) for keyword in keywords):
        page.keywords.add(*keywords)  # taggit creates the new ones
        vocabulary.remember_keywords(page)
    else:  # what add() leaves in memory, without the query it compiles even for no new names
        page.tagged_keywords = [CaseKeyword(tag=keyword) for keyword in dict.fromkeys(keywords)]
    page.partners = [CasePartner(name=p["name"], kind=p["kind"]) for p in spec.get("partners", [])]
    page.indicators = [
        ResultIndicator(
            name=item["name"],
            unit=item.get("unit", ""),
            baseline=_decimal(item.get("baseline")),
            target=_decimal(item.get("target")),
            outcome=_decimal(item.get("outcome")),
            year=item.get("year"),
        )
        for item in spec.get("indicators", [])
    ]
    page.follow_ups = [
        FollowUpUpdate(
            year=item["year"],
            text=item["text"],
            status_change=item.get("status_change") or "",
            implementation_status=item.get("implementation_status") or "",
            discontinued_reason=item.get("discontinued_reason") or "",
        )
        for item in spec.get("follow_ups", [])
    ]
    sources = sources or {}
    page.inspirations = [
        CaseInspiration(source=sources[item["slug"]], note=item.get("note", ""))
        for item in spec.get("inspired_by", [])
        if item["slug"] in sources
    ]
    return page
