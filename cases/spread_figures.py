"""The spread figures in the figure registry (cases/figures.py), so the /statistik/ downloads (CSV,
XLSX, the workbook of all figures) carry them: the most spread practices and the links between
municipalities. Registered from cases.apps; shown on /statistik/spridning/, not in the list of
/statistik/ (cases/views/spread.py).
"""

from __future__ import annotations

from dataclasses import replace

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.figures import (
    MUNICIPALITY_CODE,
    FigureColumn,
    FigureFilters,
    Row,
    Rows,
    Unit,
    figure,
    live_cases,
)
from cases.models import CaseStudyPage, Municipality
from cases.spread import Spread, most_spread, only_sources, spread_graph

MOST_SPREAD = "mest-spridda-arbetssatt"
LINKS = "lankar-mellan-kommuner"
KEYS = (MOST_SPREAD, LINKS)


def spread_for(filters: FigureFilters) -> Spread:
    """The spread of the practices (source cases) the filters select: the whole graph when
    nothing is filtered."""
    graph = spread_graph()
    if not filters.is_filtered:
        return graph
    return only_sources(graph, set(live_cases(filters).values_list("pk", flat=True)))


def municipality_names(ids) -> dict[int, tuple[str, str]]:
    """Municipality id -> (code, name)."""
    rows = Municipality.objects.filter(pk__in=set(ids)).values_list("pk", "code", "name")
    return {pk: (code, name) for pk, code, name in rows}


@figure(
    MOST_SPREAD,
    dimension="case",
    title=gettext_lazy("Most spread practices"),
    explanation=gettext_lazy(
        "Published cases by how many other municipalities took them up: a case there names it "
        "as its inspiration (directly), or names a case that did (indirectly). Only published "
        "cases count, at both ends; the case's own municipality does not."
    ),
    code_column=replace(
        MUNICIPALITY_CODE,
        description=gettext_lazy("Municipality code (SCB) of the case's municipality."),
    ),
    label_column=FigureColumn(
        "insats", gettext_lazy("Case"), Unit.TEXT, gettext_lazy("The case's title.")
    ),
    columns=(
        FigureColumn(
            "inspirerat_kommuner",
            gettext_lazy("Municipalities inspired"),
            Unit.COUNT,
            gettext_lazy("Other municipalities that took the practice up, directly or not."),
        ),
        FigureColumn(
            "varav_direkt",
            gettext_lazy("Of those directly"),
            Unit.COUNT,
            gettext_lazy("Of those, municipalities with a case that names this case itself."),
        ),
    ),
    rows_add_up=False,
)
def most_spread_practices(filters: FigureFilters) -> Rows:
    spread = spread_for(filters)
    ranked = most_spread(spread)
    cases = {
        pk: (title, municipality)
        for pk, title, municipality in CaseStudyPage.objects.filter(
            pk__in=[case for case, _n, _direct in ranked]
        ).values_list("pk", "title", "municipality_id")
    }
    names = municipality_names(municipality for _title, municipality in cases.values())
    rows = [
        Row(names[cases[case][1]][0], cases[case][0], (reached, direct))
        for case, reached, direct in ranked
        if case in cases
    ]
    everyone = {r.municipality for reach in spread.reached.values() for r in reach}
    directly = {r.municipality for reach in spread.reached.values() for r in reach if r.direct}
    return Rows(rows, Row("", _("Total"), (len(everyone), len(directly))))


@figure(
    LINKS,
    dimension="municipality_link",
    title=gettext_lazy("Links between municipalities"),
    explanation=gettext_lazy(
        "Per pair of municipalities: how many cases in the second name a case in the first as "
        "their inspiration. Only published cases at both ends; links within one municipality "
        "are left out."
    ),
    code_column=FigureColumn(
        "kommunkoder",
        gettext_lazy("Municipality codes"),
        Unit.TEXT,
        gettext_lazy("The two municipality codes (SCB), from and to, e.g. 1782-1864."),
    ),
    label_column=FigureColumn(
        "fran_till",
        gettext_lazy("From – to"),
        Unit.TEXT,
        gettext_lazy("The municipality whose case inspired → the municipality that took it up."),
    ),
    columns=(
        FigureColumn(
            "antal_lankar",
            gettext_lazy("Links"),
            Unit.COUNT,
            gettext_lazy("Number of inspired-by links from cases in the first municipality."),
        ),
    ),
)
def links_between_municipalities(filters: FigureFilters) -> Rows:
    edges = spread_for(filters).network
    names = municipality_names(m for start, end, _w in edges for m in (start, end))
    rows = [
        Row(
            f"{names[start][0]}-{names[end][0]}",
            f"{names[start][1]} → {names[end][1]}",
            (weight,),
        )
        for start, end, weight in edges
    ]
    return Rows(rows, Row("", _("Total"), (sum(weight for _s, _e, weight in edges),)))
