"""/om/evidensnivaer/: the evidence ladder explained to the public – each level, what a case must
show to reach it and published examples at that level. Every level badge links here."""

from __future__ import annotations

from dataclasses import dataclass

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cases.choices import EVIDENCE_CRITERIA, EvidenceLevel
from cases.models import CaseStudyPage

EXAMPLES_PER_LEVEL = 3

# From least to most known about the effect; "mixed" is as well evaluated as "good".
LADDER = (
    EvidenceLevel.NOT_EVALUATED,
    EvidenceLevel.PROMISING,
    EvidenceLevel.EVALUATED_GOOD,
    EvidenceLevel.EVALUATED_MIXED,
)


@dataclass
class Level:
    value: str
    label: str
    criteria: str
    examples: list
    search_path: str


def anchor(level: str) -> str:
    """The fragment of a level on the page (the badge links use it too)."""
    return f"niva-{level.replace('_', '-')}"


def ladder(examples_per_level: int = EXAMPLES_PER_LEVEL) -> list[Level]:
    levels = []
    for level in LADDER:
        examples = list(
            CaseStudyPage.objects.live()
            .public()
            .filter(evidence_level=level.value)
            .select_related("municipality")
            .order_by("-first_published_at")[:examples_per_level]
        )
        levels.append(
            Level(
                value=anchor(level.value),
                label=str(level.label),
                criteria=str(EVIDENCE_CRITERIA[level]),
                examples=examples,
                search_path=f"/sok/?evidens={level.value}",
            )
        )
    return levels


@require_GET
def evidence_levels(request):
    context = {"page_title": _("Evidence levels"), "levels": ladder()}
    return render(request, "cms/evidence_levels.html", context)
