"""/statistik/spridning/: how practice spreads – the most spread practices and the network
between municipalities (issue #17.1), computed once per content version."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cases.exchange.writers import FORMATS
from cases.figure_exports import FIGURE_FORMATS
from cases.figures import FIGURES
from cases.models import CaseStudyPage
from cases.spread import most_spread, spread_graph
from cases.spread_diagram import arc_diagram
from cases.spread_figures import KEYS, municipality_names
from core.content_version import cached

SHOWN_PRACTICES = 25  # the download has them all


def ranked_practices() -> list[dict]:
    """The most spread practices with their case pages: case, municipalities, directly."""
    ranked = most_spread(spread_graph())
    pages = CaseStudyPage.objects.filter(pk__in=[case for case, _n, _d in ranked])
    pages = {page.pk: page for page in pages.select_related("municipality")}
    return [
        {"case": pages[case], "reached": reached, "direct": direct}
        for case, reached, direct in ranked
        if case in pages
    ]


def _network() -> dict:
    edges = spread_graph().network
    names = municipality_names(m for start, end, _w in edges for m in (start, end))
    return {
        "rows": [(names[start][1], names[end][1], weight) for start, end, weight in edges],
        "diagram": arc_diagram(edges, {pk: name for pk, (_code, name) in names.items()}),
    }


def _context() -> dict:
    network = _network()
    return {
        "practices": ranked_practices(),
        "network": network,
        "municipalities": len({m for row in network["rows"] for m in row[:2]}),
        "links": sum(weight for _s, _e, weight in network["rows"]),
    }


def _downloads(key: str) -> dict:
    links = [
        {"label": FORMATS[f].label, "url": reverse("statistics_export", args=[key, f])}
        for f in FIGURE_FORMATS
    ]
    return {"title": FIGURES[key].title, "links": links}


@require_GET
def spread_page(request):
    context = cached("spread_page", (), _context)
    practices = context["practices"]
    return render(
        request,
        "cases/statistics/spread.html",
        {
            **context,
            "practices": practices[:SHOWN_PRACTICES],
            "practices_left_out": max(len(practices) - SHOWN_PRACTICES, 0),
            "downloads": [_downloads(key) for key in KEYS],
            "page_title": _("How practice spreads"),
        },
    )
