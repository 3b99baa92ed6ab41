"""/om/evidensnivaer/: the evidence ladder explained to the public – each level, what a case must
show to reach it (the criteria moderators publish, cases/evidence.py) and published examples at
that level. Every level badge links here."""

from __future__ import annotations

from dataclasses import dataclass

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cases.evidence import DERIVED, LADDER, Criterion, published_criteria, rung, spread_uptake
from cases.figures import EVIDENCE_FIGURE, FIGURES, FigureFilters
from cases.models import CaseStudyPage

EXAMPLES_PER_LEVEL = 3


@dataclass
class Level:
    value: str
    label: str
    criterion: Criterion
    examples: list
    search_path: str
    derived: bool


def anchor(level: str) -> str:
    """The fragment of a level on the page (the badge links use it too)."""
    return f"niva-{level.replace('_', '-')}"


def examples_at(level: str, uptake: dict, limit: int) -> list:
    """Published cases that show `level`: the derived level's are the cases spread lifts there;
    a chosen level's are the cases that chose it and are not lifted above it."""
    cases = CaseStudyPage.objects.live().public().select_related("municipality")
    if level == DERIVED:
        cases = cases.filter(pk__in=list(uptake), evidence_level__in=_below_derived())
    else:
        cases = cases.filter(evidence_level=level)
        if rung(level) < rung(DERIVED):
            cases = cases.exclude(pk__in=list(uptake))
    return list(cases.order_by("-first_published_at")[:limit])


def _below_derived() -> list[str]:
    return [level for level in LADDER if rung(level) < rung(DERIVED)]


def ladder(examples_per_level: int = EXAMPLES_PER_LEVEL) -> list[Level]:
    criteria = published_criteria()
    uptake = spread_uptake()
    return [
        Level(
            value=anchor(level),
            label=criteria[level].label,
            criterion=criteria[level],
            examples=examples_at(level, uptake, examples_per_level),
            search_path=f"/sok/?evidens={level}",
            derived=level == DERIVED,
        )
        for level in LADDER
    ]


def distribution():
    """How many published cases show each level and how many chose it: the /statistik/ figure
    (downloadable there), shown here beside the criteria."""
    table = FIGURES[EVIDENCE_FIGURE].compute(FigureFilters())
    downloads = [
        (label, reverse("statistics_export", args=[EVIDENCE_FIGURE, format_key]))
        for label, format_key in (("CSV", "csv"), ("Excel", "xlsx"), ("JSON", "json"))
    ]
    return {"table": table, "downloads": downloads}


@require_GET
def evidence_levels(request):
    context = {
        "page_title": _("Evidence levels"),
        "levels": ladder(),
        "distribution": distribution(),
    }
    return render(request, "cms/evidence_levels.html", context)
