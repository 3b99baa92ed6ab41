"""Follow-up figures: every number on /statistik/ and in the agency's follow-up report.

Each figure is a function from FigureFilters to its rows, registered with its metadata (key,
title, explanation, columns) by `@figure`, which makes the name return the whole Table. Rows
come from grouped aggregate queries (a handful per figure, never one per row). The total of a
table comes from its own query, not from adding up the rows, so a test can check that the rows
reconcile with it.

Definitions (also in docs/architecture.md, "Statistics"):

- A case counts when it is published and anyone may see it (cases.models.public_cases: live, no
  view restriction on it or above it). Only the staff report's publication-state figure and its
  municipality overview also count drafts and cases in review; the publication-state figure
  counts restricted published cases as a state of their own.
- The year range filters cases by the year they started (cases without a start date drop out
  when a year is given) and grant allocations by their year. The county filter uses the county
  of the case's or the allocation's municipality.
- A case has measured results when at least one of its result indicators has an outcome.
- A case with several focus areas is counted in full under each of them – its number and its
  whole grant amount – so focus-area tables do not add up to their total, which counts every
  case once.
- "Grants received" is GrantAllocation: what municipalities received from the programme, by
  grant year. "Grant amount in cases" is the grant amount editors give on the cases, by start
  year. The two are different sources and need not agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Cast, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page, WorkflowState

from cases.choices import EvidenceLevel, Status
from cases.evidence import DERIVED, LADDER, effective_level, spread_uptake
from cases.models import (
    CaseStudyPage,
    FollowUpUpdate,
    GrantAllocation,
    Municipality,
    ResultIndicator,
    public_cases,
)
from themes.models import Theme


@dataclass(frozen=True)
class FigureFilters:
    """Year range (inclusive) and county; None means no limit. Built by figure_forms.

    `today` is the date "this year" and "last year" are counted from (None: the local date when
    computed). It is not a filter anyone chooses: the statistics view sets it, so figures cached
    under these filters are keyed by the date too and a new year never shows last year's columns.
    """

    year_from: int | None = None
    year_to: int | None = None
    county_code: str | None = None
    today: date | None = None

    @property
    def this_year(self) -> int:
        return (self.today or timezone.localdate()).year

    @property
    def is_filtered(self) -> bool:
        return (
            self.year_from is not None or self.year_to is not None or self.county_code is not None
        )

    def as_params(self) -> dict[str, str]:
        """The query string (fran, till, lan) that reproduces these filters."""
        params = {}
        if self.year_from is not None:
            params["fran"] = str(self.year_from)
        if self.year_to is not None:
            params["till"] = str(self.year_to)
        if self.county_code is not None:
            params["lan"] = self.county_code
        return params


class Unit(StrEnum):
    TEXT = "text"
    COUNT = "count"
    SEK = "sek"
    PERCENT = "percent"  # whole per cent, rounded half up


@dataclass(frozen=True)
class FigureColumn:
    key: str  # stable ASCII header in downloads
    label: str  # header on the page
    unit: Unit
    description: str  # the column definition shown with downloads

    def translated(self) -> FigureColumn:
        """The column with its label and description in the active language."""
        return replace(self, label=str(self.label), description=str(self.description))


@dataclass(frozen=True)
class Row:
    code: str  # county code, slug, status value, municipality code; "" for years and totals
    label: str
    values: tuple[int | None, ...]


@dataclass(frozen=True)
class Table:
    key: str  # the figure's address in downloads, e.g. "insatser-per-lan"
    dimension: str  # what the rows are: county, year, focus_area, status, municipality, ...
    title: str
    explanation: str  # what is counted and from which source
    code_column: FigureColumn | None
    label_column: FigureColumn
    columns: tuple[FigureColumn, ...]  # the value columns, in the order of Row.values
    rows: tuple[Row, ...]
    total: Row
    chart_column: int = 0  # index into columns of the value the chart shows
    rows_add_up: bool = True  # False when one case can be in several rows


# -- Columns shared by several figures (lazy: translated when a table is built) ----------------


def code_column(key: str, description: str) -> FigureColumn:
    """A figure's code column: headed "Code" on the page, `key` in downloads."""
    return FigureColumn(key, gettext_lazy("Code"), Unit.TEXT, description)


COUNTY_CODE = FigureColumn(
    "lankod", gettext_lazy("County code"), Unit.TEXT, gettext_lazy("County code (SCB), two digits.")
)
COUNTY = FigureColumn("lan", gettext_lazy("County"), Unit.TEXT, gettext_lazy("County name."))
FOCUS_AREA_CODE = code_column(
    "fokusomrade_kod",
    gettext_lazy("The focus area's short name (slug)."),
)
FOCUS_AREA = FigureColumn(
    "fokusomrade", gettext_lazy("Focus area"), Unit.TEXT, gettext_lazy("Focus area.")
)
MUNICIPALITY_CODE = FigureColumn(
    "kommunkod",
    gettext_lazy("Municipality code"),
    Unit.TEXT,
    gettext_lazy("Municipality code (SCB), four digits; the first two are the county code."),
)
MUNICIPALITY = FigureColumn(
    "kommun", gettext_lazy("Municipality"), Unit.TEXT, gettext_lazy("Municipality name.")
)
START_YEAR = FigureColumn(
    "startar", gettext_lazy("Start year"), Unit.TEXT, gettext_lazy("The year the case started.")
)
CASES = FigureColumn(
    "antal_insatser", gettext_lazy("Cases"), Unit.COUNT, gettext_lazy("Number of published cases.")
)
CASES_WITH_FOCUS_AREA = replace(
    CASES, description=gettext_lazy("Number of published cases with this focus area.")
)
SHARE = FigureColumn("andel_procent", gettext_lazy("Share"), Unit.PERCENT, "")
GRANTED = FigureColumn(
    "tilldelat_bidrag_kr",
    gettext_lazy("Grants received"),
    Unit.SEK,
    gettext_lazy("Sum of the grant allocations municipalities received, in whole kronor (SEK)."),
)
WITH_AMOUNT = FigureColumn(
    "insatser_med_belopp",
    gettext_lazy("Cases with a grant amount"),
    Unit.COUNT,
    gettext_lazy("Number of those cases that give a grant amount."),
)
CASE_GRANT = FigureColumn(
    "bidrag_i_insatser_kr", gettext_lazy("Grant amount in cases"), Unit.SEK, ""
)


# -- Querysets ----------------------------------------------------------------------------------


def _case_filter(queryset: QuerySet, filters: FigureFilters) -> QuerySet:
    if filters.county_code is not None:
        queryset = queryset.filter(municipality__county_code=filters.county_code)
    if filters.year_from is not None:
        queryset = queryset.filter(start_date__year__gte=filters.year_from)
    if filters.year_to is not None:
        queryset = queryset.filter(start_date__year__lte=filters.year_to)
    # Page querysets are ordered by tree path, which would split every GROUP BY into single rows.
    return queryset.order_by()


def live_cases(filters: FigureFilters) -> QuerySet:
    """Published cases anyone may see (cases.models.public_cases): a private case counts in no
    figure as published, on the public page or in the staff report."""
    return _case_filter(public_cases(), filters)


def all_cases(filters: FigureFilters) -> QuerySet:
    """Published, draft and in-review case pages alike: for the staff report only."""
    return _case_filter(CaseStudyPage.objects.all(), filters)


def grant_allocations(filters: FigureFilters) -> QuerySet:
    queryset = GrantAllocation.objects.all()
    if filters.county_code is not None:
        queryset = queryset.filter(municipality__county_code=filters.county_code)
    if filters.year_from is not None:
        queryset = queryset.filter(year__gte=filters.year_from)
    if filters.year_to is not None:
        queryset = queryset.filter(year__lte=filters.year_to)
    return queryset.order_by()


def _measured():
    return Exists(ResultIndicator.objects.filter(page=OuterRef("pk"), outcome__isnull=False))


def _in_review():
    return Exists(
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
            status=WorkflowState.STATUS_IN_PROGRESS,
        )
    )


def _grouped(queryset: QuerySet, field: str, **aggregates) -> dict:
    """{group value: {aggregate name: value}} from one GROUP BY query."""
    return {row.pop(field): row for row in queryset.values(field).annotate(**aggregates).order_by()}


def _counts(queryset: QuerySet, field: str) -> dict:
    return {key: row["n"] for key, row in _grouped(queryset, field, n=Count("pk")).items()}


def counties(filters: FigureFilters) -> list[tuple[str, str]]:
    """(code, name) of all 21 counties by code, or only the chosen one."""
    queryset = Municipality.objects.order_by("county_code").values_list(
        "county_code", "county_name"
    )
    if filters.county_code is not None:
        queryset = queryset.filter(county_code=filters.county_code)
    return list(queryset.distinct())


def share(part: int, whole: int) -> int | None:
    """Whole per cent, rounded half up; None when there is nothing to share."""
    if not whole:
        return None
    return (200 * part + whole) // (2 * whole)


def _year_range(years: Iterable[int | None], filters: FigureFilters) -> list[int]:
    """Every year from the first to the last one with data, within the filter; gaps show as 0."""
    present = [year for year in years if year is not None]
    if not present:
        return []
    first, last = min(present), max(present)
    if filters.year_from is not None:
        first = max(first, filters.year_from)
    if filters.year_to is not None:
        last = min(last, filters.year_to)
    return list(range(first, last + 1))


def _sum(value) -> int:
    return int(value or 0)


def _focus_area_rows(grouped: dict, values: Callable) -> list[Row]:
    """A row per focus area (values(None) where no case has it), then any cases without one."""
    rows = [
        Row(theme.slug, theme.display_name, values(grouped.get(theme.pk)))
        for theme in Theme.objects.all()
    ]
    if None in grouped:
        rows.append(Row("", _("No focus area"), values(grouped[None])))
    return rows


# -- Registry: each figure's metadata, once ------------------------------------------------------


class Rows(NamedTuple):
    """What a figure function returns: its rows and its total row."""

    rows: Iterable[Row]
    total: Row


@dataclass(frozen=True)
class Figure:
    key: str  # the figure's address in downloads, e.g. "insatser-per-lan"
    dimension: str  # what the rows are: county, year, focus_area, status, municipality, ...
    title: str
    explanation: str  # what is counted and from which source
    label_column: FigureColumn
    columns: tuple[FigureColumn, ...]  # the value columns, in the order of Row.values
    rows_of: Callable[[FigureFilters], Rows]
    code_column: FigureColumn | None = None
    public: bool = True  # False: only in the staff report
    chart_column: int = 0  # index into columns of the value the chart shows
    rows_add_up: bool = True  # False when one case can be in several rows

    def compute(self, filters: FigureFilters) -> Table:
        rows, total = self.rows_of(filters)
        return Table(
            key=self.key,
            dimension=self.dimension,
            title=str(self.title),
            explanation=str(self.explanation),
            code_column=self.code_column and self.code_column.translated(),
            label_column=self.label_column.translated(),
            columns=tuple(column.translated() for column in self.columns),
            rows=tuple(rows),
            total=total,
            chart_column=self.chart_column,
            rows_add_up=self.rows_add_up,
        )


FIGURES: dict[str, Figure] = {}  # in the order the figures are defined, which is the page's


def figure(key: str, **metadata) -> Callable[[Callable[[FigureFilters], Rows]], Callable]:
    """Registers a figure function under its metadata; the name then computes the whole Table."""

    def register(rows_of: Callable[[FigureFilters], Rows]) -> Callable[[FigureFilters], Table]:
        FIGURES[key] = Figure(key=key, rows_of=rows_of, **metadata)
        return FIGURES[key].compute

    return register


# -- Case figures -------------------------------------------------------------------------------


@figure(
    "insatser-per-fokusomrade",
    dimension="focus_area",
    title=gettext_lazy("Cases per focus area"),
    explanation=gettext_lazy(
        "Published cases per focus area. A case can have up to three focus areas and is "
        "counted under each of them, so the rows add up to more than the total, which counts "
        "every case once."
    ),
    code_column=FOCUS_AREA_CODE,
    label_column=FOCUS_AREA,
    columns=(
        replace(
            CASES,
            description=gettext_lazy(
                "Number of published cases with this focus area. A case with several focus "
                "areas is counted under each; the total row counts every case once."
            ),
        ),
    ),
    rows_add_up=False,
)
def cases_per_focus_area(filters: FigureFilters) -> Rows:
    cases = live_cases(filters)
    counts = _counts(cases, "themes")
    rows = _focus_area_rows(counts, lambda count: (count or 0,))
    return Rows(rows, Row("", _("Total"), (cases.count(),)))


@figure(
    "insatser-per-lan",
    dimension="county",
    title=gettext_lazy("Cases per county"),
    explanation=gettext_lazy(
        "Published cases per county, by the county of the municipality that runs them. "
        "Counties without cases show 0."
    ),
    code_column=COUNTY_CODE,
    label_column=COUNTY,
    columns=(CASES,),
)
def cases_per_county(filters: FigureFilters) -> Rows:
    cases = live_cases(filters)
    counts = _counts(cases, "municipality__county_code")
    return Rows(
        tuple(Row(code, name, (counts.get(code, 0),)) for code, name in counties(filters)),
        Row("", _("Total"), (cases.count(),)),
    )


@figure(
    "insatser-per-status",
    dimension="status",
    title=gettext_lazy("Cases per status"),
    explanation=gettext_lazy(
        "Published cases by their status as the municipality last reported it: planned, "
        "ongoing, completed or discontinued (stopped before it was finished)."
    ),
    code_column=code_column(
        "status_kod",
        gettext_lazy("Status code: planned, ongoing, completed or discontinued."),
    ),
    label_column=FigureColumn("status", gettext_lazy("Status"), Unit.TEXT, gettext_lazy("Status.")),
    columns=(CASES,),
)
def cases_per_status(filters: FigureFilters) -> Rows:
    cases = live_cases(filters)
    counts = _counts(cases, "status")
    return Rows(
        tuple(
            Row(status.value, str(status.label), (counts.get(status.value, 0),))
            for status in Status
        ),
        Row("", _("Total"), (cases.count(),)),
    )


# Shown on /om/evidensnivaer/ beside the criteria (cms/evidence_levels.py), not in the /statistik/
# grid (which keeps under its height budget); in the /statistik/ downloads like every public figure.
EVIDENCE_FIGURE = "insatser-per-evidensniva"


@figure(
    EVIDENCE_FIGURE,
    dimension="evidence_level",
    title=gettext_lazy("Cases per evidence level"),
    explanation=gettext_lazy(
        "Published cases by the evidence level they show, and by the level the municipality "
        "chose. The shown level is “Tried in several municipalities” when cases in other "
        "municipalities took the initiative up with results and that stands higher on the "
        "ladder than the chosen level; the criteria are on the evidence-levels page."
    ),
    code_column=code_column(
        "evidensniva_kod",
        gettext_lazy("Evidence level code, as in the open data."),
    ),
    label_column=FigureColumn(
        "evidensniva", gettext_lazy("Evidence level"), Unit.TEXT, gettext_lazy("Evidence level.")
    ),
    columns=(
        replace(
            CASES,
            description=gettext_lazy("Number of published cases that show this level."),
        ),
        FigureColumn(
            "valda",
            gettext_lazy("Chosen by the municipality"),
            Unit.COUNT,
            gettext_lazy("Number of published cases whose municipality chose this level."),
        ),
    ),
)
def cases_per_evidence_level(filters: FigureFilters) -> Rows:
    cases = live_cases(filters)
    chosen = _counts(cases, "evidence_level")
    lifted = cases.filter(pk__in=list(spread_uptake())).values_list("evidence_level", flat=True)
    shown = dict(chosen)
    for level in lifted:
        if effective_level(level, True) == DERIVED:
            shown[level] -= 1
            shown[DERIVED] = shown.get(DERIVED, 0) + 1
    return Rows(
        tuple(
            Row(level, str(EvidenceLevel(level).label), (shown.get(level, 0), chosen.get(level, 0)))
            for level in LADDER
        ),
        Row("", _("Total"), (cases.count(), cases.count())),
    )


@figure(
    "insatser-per-startar",
    dimension="year",
    title=gettext_lazy("Cases per start year"),
    explanation=gettext_lazy("Published cases by the year they started."),
    label_column=START_YEAR,
    columns=(CASES,),
)
def cases_per_start_year(filters: FigureFilters) -> Rows:
    cases = live_cases(filters)
    counts = _counts(cases.annotate(start_year=ExtractYear("start_date")), "start_year")
    rows = [Row("", str(year), (counts.get(year, 0),)) for year in _year_range(counts, filters)]
    if counts.get(None):  # only possible without a year filter
        rows.append(Row("", _("No start date"), (counts[None],)))
    return Rows(tuple(rows), Row("", _("Total"), (cases.count(),)))


@figure(
    "insatser-med-matta-resultat",
    dimension="result",
    title=gettext_lazy("Cases with measured results"),
    explanation=gettext_lazy(
        "Published cases where at least one result indicator has a measured outcome, and the "
        "rest (no indicators, or indicators without an outcome yet)."
    ),
    code_column=code_column(
        "kod",
        gettext_lazy("matt: with measured results; ej_matt: without."),
    ),
    label_column=FigureColumn(
        "resultat", gettext_lazy("Results"), Unit.TEXT, gettext_lazy("Measured or not.")
    ),
    columns=(
        CASES,
        replace(SHARE, description=gettext_lazy("Share of all published cases, whole per cent.")),
    ),
    chart_column=1,
)
def measured_results(filters: FigureFilters) -> Rows:
    cases = live_cases(filters)
    counts = _counts(cases.annotate(has_outcome=_measured()), "has_outcome")
    total = cases.count()
    measured, unmeasured = counts.get(True, 0), counts.get(False, 0)
    return Rows(
        (
            Row("matt", _("With measured results"), (measured, share(measured, total))),
            Row("ej_matt", _("Without measured results"), (unmeasured, share(unmeasured, total))),
        ),
        Row("", _("Total"), (total, share(total, total))),
    )


@figure(
    "insatser-per-kommun",
    dimension="municipality",
    title=gettext_lazy("Cases per participating municipality"),
    explanation=gettext_lazy("Published cases per municipality taking part in the programme."),
    code_column=MUNICIPALITY_CODE,
    label_column=MUNICIPALITY,
    columns=(CASES,),
)
def cases_per_municipality(filters: FigureFilters) -> Rows:
    cases = live_cases(filters)
    counts = _counts(cases, "municipality")
    return Rows(
        tuple(
            Row(municipality.code, municipality.name, (counts.get(municipality.pk, 0),))
            for municipality in _participants(filters, counts)
        ),
        Row("", _("Total"), (cases.count(),)),
    )


# -- Yearly follow-up ---------------------------------------------------------------------------

FOLLOWED_UP = FigureColumn(
    "uppfoljda",
    gettext_lazy("Followed up"),
    Unit.COUNT,
    gettext_lazy("Number of those cases with a follow-up for the year."),
)
STARTED_BY = FigureColumn(
    "insatser_startade",
    gettext_lazy("Cases started by then"),
    Unit.COUNT,
    gettext_lazy(
        "Published cases that had started by the end of the year (cases without a start date "
        "count in every year)."
    ),
)
FOLLOW_UP_YEAR = FigureColumn(
    "ar", gettext_lazy("Year"), Unit.TEXT, gettext_lazy("The year the follow-up is about.")
)


def _followed_up(cases: QuerySet, years: Iterable[int] | None = None) -> QuerySet:
    """Follow-ups of these cases (optionally of some years), ungrouped."""
    follow_ups = FollowUpUpdate.objects.filter(page__in=cases.values("pk"))
    if years is not None:
        follow_ups = follow_ups.filter(year__in=list(years))
    return follow_ups.order_by()


@figure(
    "uppfoljda-insatser-per-ar",
    dimension="year",
    title=gettext_lazy("Cases followed up per year"),
    explanation=gettext_lazy(
        "For each year from the first yearly follow-up to this year: published cases that had "
        "started by then, how many of them have a follow-up for that year, and their share. The "
        "total row counts all published cases and those with at least one follow-up."
    ),
    label_column=FOLLOW_UP_YEAR,
    columns=(
        STARTED_BY,
        FOLLOWED_UP,
        replace(SHARE, description=gettext_lazy("Share followed up, whole per cent.")),
    ),
    chart_column=2,
    rows_add_up=False,
)
def cases_followed_up_per_year(filters: FigureFilters) -> Rows:
    cases = live_cases(filters)
    by_start = _counts(cases.annotate(start_year=ExtractYear("start_date")), "start_year")
    followed = {
        row["year"]: row["n"]
        for row in _followed_up(cases).values("year").annotate(n=Count("page", distinct=True))
    }
    rows = []
    if followed:
        this_year = filters.this_year
        for year in range(min(followed), max(max(followed), this_year) + 1):
            started = by_start.get(None, 0) + sum(
                n for start, n in by_start.items() if start is not None and start <= year
            )
            done = followed.get(year, 0)
            rows.append(Row("", str(year), (started, done, share(done, started))))
    total = cases.count()
    with_any = _followed_up(cases).values("page").distinct().count()
    return Rows(tuple(rows), Row("", _("Total"), (total, with_any, share(with_any, total))))


@figure(
    "uppfoljda-insatser-per-kommun",
    dimension="municipality",
    title=gettext_lazy("Cases followed up per municipality"),
    explanation=gettext_lazy(
        "Published cases per participating municipality, and how many of them have a yearly "
        "follow-up for last year and for this year (the calendar year the figure is computed)."
    ),
    code_column=MUNICIPALITY_CODE,
    label_column=MUNICIPALITY,
    columns=(
        CASES,
        FigureColumn(
            "uppfoljda_forra_aret",
            gettext_lazy("Followed up last year"),
            Unit.COUNT,
            gettext_lazy("Cases with a follow-up for last year."),
        ),
        FigureColumn(
            "andel_forra_aret_procent",
            gettext_lazy("Share last year"),
            Unit.PERCENT,
            gettext_lazy("Share of the cases followed up for last year, whole per cent."),
        ),
        FigureColumn(
            "uppfoljda_i_ar",
            gettext_lazy("Followed up this year"),
            Unit.COUNT,
            gettext_lazy("Cases with a follow-up for this year."),
        ),
        FigureColumn(
            "andel_i_ar_procent",
            gettext_lazy("Share this year"),
            Unit.PERCENT,
            gettext_lazy("Share of the cases followed up for this year, whole per cent."),
        ),
    ),
    chart_column=4,
)
def cases_followed_up_per_municipality(filters: FigureFilters) -> Rows:
    cases = live_cases(filters)
    this_year = filters.this_year
    counts = _counts(cases, "municipality")
    followed = {
        (row["page__municipality"], row["year"]): row["n"]
        for row in _followed_up(cases, (this_year - 1, this_year))
        .values("page__municipality", "year")
        .annotate(n=Count("page", distinct=True))
    }

    def values(cases_count: int, last: int, this: int) -> tuple:
        return (cases_count, last, share(last, cases_count), this, share(this, cases_count))

    rows = tuple(
        Row(
            municipality.code,
            municipality.name,
            values(
                counts.get(municipality.pk, 0),
                followed.get((municipality.pk, this_year - 1), 0),
                followed.get((municipality.pk, this_year), 0),
            ),
        )
        for municipality in _participants(filters, counts)
    )
    total = values(
        cases.count(),
        sum(n for (_pk, year), n in followed.items() if year == this_year - 1),
        sum(n for (_pk, year), n in followed.items() if year == this_year),
    )
    return Rows(rows, Row("", _("Total"), total))


def _participants(filters: FigureFilters, *found: dict) -> list[Municipality]:
    """Municipalities with a municipality page, and any other that appears in the figures."""
    extra = {pk for counts in found for pk in counts if pk is not None}
    queryset = Municipality.objects.filter(Q(page__isnull=False) | Q(pk__in=extra))
    if filters.county_code is not None:
        queryset = queryset.filter(county_code=filters.county_code)
    return list(queryset.order_by("name"))


# -- Grant figures ------------------------------------------------------------------------------


@figure(
    "bidrag-per-ar",
    dimension="year",
    title=gettext_lazy("Grants received per year"),
    explanation=gettext_lazy(
        "What the municipalities received from the programme, per grant year, from the "
        "registered grant allocations."
    ),
    label_column=FigureColumn(
        "ar", gettext_lazy("Year"), Unit.TEXT, gettext_lazy("The year of the grant allocation.")
    ),
    columns=(GRANTED,),
)
def grants_per_year(filters: FigureFilters) -> Rows:
    grants = grant_allocations(filters)
    amounts = {
        year: row["amount"] for year, row in _grouped(grants, "year", amount=Sum("amount")).items()
    }
    return Rows(
        tuple(
            Row("", str(year), (_sum(amounts.get(year)),)) for year in _year_range(amounts, filters)
        ),
        Row("", _("Total"), (_sum(grants.aggregate(amount=Sum("amount"))["amount"]),)),
    )


@figure(
    "insatsbidrag-per-startar",
    dimension="year",
    title=gettext_lazy("Grant amount in cases per start year"),
    explanation=gettext_lazy(
        "The grant amounts the published cases give, by the year the case started. This is "
        "what municipalities report on their cases, not what they received."
    ),
    label_column=START_YEAR,
    columns=(
        CASES,
        WITH_AMOUNT,
        replace(
            CASE_GRANT,
            description=gettext_lazy(
                "Sum of the grant amounts the cases give, in whole kronor (SEK)."
            ),
        ),
    ),
    chart_column=2,
)
def case_grants_per_start_year(filters: FigureFilters) -> Rows:
    cases = live_cases(filters)
    grouped = _grouped(
        cases.annotate(start_year=ExtractYear("start_date")),
        "start_year",
        **_case_grant_aggregates(),
    )
    rows = [
        Row("", str(year), _case_grant_values(grouped.get(year)))
        for year in _year_range(grouped, filters)
    ]
    if None in grouped:
        rows.append(Row("", _("No start date"), _case_grant_values(grouped[None])))
    return Rows(rows, _case_grant_total(cases))


@figure(
    "bidrag-per-lan",
    dimension="county",
    title=gettext_lazy("Grants received per county"),
    explanation=gettext_lazy(
        "What the municipalities in each county received from the programme, from the "
        "registered grant allocations."
    ),
    code_column=COUNTY_CODE,
    label_column=COUNTY,
    columns=(GRANTED,),
)
def grants_per_county(filters: FigureFilters) -> Rows:
    grants = grant_allocations(filters)
    amounts = _grouped(grants, "municipality__county_code", amount=Sum("amount"))
    return Rows(
        tuple(
            Row(code, name, (_sum(amounts.get(code, {}).get("amount")),))
            for code, name in counties(filters)
        ),
        Row("", _("Total"), (_sum(grants.aggregate(amount=Sum("amount"))["amount"]),)),
    )


def _case_grant_aggregates():
    return {
        "cases": Count("pk"),
        "with_amount": Count("grant_amount"),
        "amount": Sum("grant_amount"),
    }


def _case_grant_total(cases: QuerySet) -> Row:
    return Row("", _("Total"), _case_grant_values(cases.aggregate(**_case_grant_aggregates())))


def _case_grant_values(row: dict | None) -> tuple[int, int, int]:
    row = row or {}
    return (row.get("cases", 0), row.get("with_amount", 0), _sum(row.get("amount")))


@figure(
    "insatsbidrag-per-fokusomrade",
    dimension="focus_area",
    title=gettext_lazy("Grant amount in cases per focus area"),
    explanation=gettext_lazy(
        "The grant amounts the published cases give, per focus area. A case with several "
        "focus areas is counted in full under each of them, so the rows add up to more than "
        "the total, which counts every case once."
    ),
    code_column=FOCUS_AREA_CODE,
    label_column=FOCUS_AREA,
    columns=(
        CASES_WITH_FOCUS_AREA,
        WITH_AMOUNT,
        replace(
            CASE_GRANT,
            description=gettext_lazy(
                "Sum of the grant amounts the cases give, in whole kronor (SEK). A case with "
                "several focus areas is counted in full under each; the total row counts "
                "every case once."
            ),
        ),
    ),
    chart_column=2,
    rows_add_up=False,
)
def case_grants_per_focus_area(filters: FigureFilters) -> Rows:
    cases = live_cases(filters)
    grouped = _grouped(cases, "themes", **_case_grant_aggregates())
    return Rows(_focus_area_rows(grouped, _case_grant_values), _case_grant_total(cases))


# -- Staff-only figures -------------------------------------------------------------------------


@figure(
    "publiceringslage",
    dimension="publication",
    title=gettext_lazy("Case pages by publication state"),
    explanation=gettext_lazy(
        "All case pages, published or not. In review means a moderator has been asked to "
        "approve it; a draft is not published and not in review (including pages sent back "
        "for changes). Published with restricted access means published behind a password, "
        "login or group restriction on the page or above it: such cases count nowhere else "
        "as published. The filters apply as elsewhere."
    ),
    code_column=code_column(
        "kod",
        gettext_lazy(
            "publicerad, publicerad_andring_granskas, publicerad_begransad, granskas or utkast."
        ),
    ),
    label_column=FigureColumn(
        "publiceringslage",
        gettext_lazy("Publication state"),
        Unit.TEXT,
        gettext_lazy("Publication state."),
    ),
    columns=(
        FigureColumn(
            "antal_sidor", gettext_lazy("Case pages"), Unit.COUNT, gettext_lazy("Number of pages.")
        ),
    ),
    public=False,
)
def publication_states(filters: FigureFilters) -> Rows:
    cases = all_cases(filters).annotate(in_review=_in_review())
    grouped = {
        (row["live"], row["in_review"]): row["n"]
        for row in cases.values("live", "in_review").annotate(n=Count("pk")).order_by()
    }
    # Published behind a view restriction: counted apart, and not under the two published states.
    restricted = {
        row["in_review"]: row["n"]
        for row in cases.filter(live=True)
        .not_public()
        .values("in_review")
        .annotate(n=Count("pk"))
        .order_by()
    }
    for in_review, n in restricted.items():
        grouped[(True, in_review)] -= n
    grouped["restricted"] = sum(restricted.values())
    states = (
        ("publicerad", _("Published"), (True, False)),
        ("publicerad_andring_granskas", _("Published, changes in review"), (True, True)),
        ("publicerad_begransad", _("Published with restricted access"), "restricted"),
        ("granskas", _("In review, not yet published"), (False, True)),
        ("utkast", _("Draft"), (False, False)),
    )
    return Rows(
        tuple(Row(code, label, (grouped.get(key, 0),)) for code, label, key in states),
        Row("", _("Total"), (all_cases(filters).count(),)),
    )


@figure(
    "kommuner-insatser-och-bidrag",
    dimension="municipality",
    title=gettext_lazy("Participating municipalities: cases and grants"),
    explanation=gettext_lazy(
        "Per participating municipality: published cases, cases not yet published (drafts "
        "and in review), the grants it received (grant allocations, by grant year) and the "
        "grant amounts its published cases give (by start year)."
    ),
    code_column=MUNICIPALITY_CODE,
    label_column=MUNICIPALITY,
    columns=(
        FigureColumn(
            "publicerade_insatser",
            gettext_lazy("Published cases"),
            Unit.COUNT,
            gettext_lazy("Published cases."),
        ),
        FigureColumn(
            "ej_publicerade_insatser",
            gettext_lazy("Not yet published"),
            Unit.COUNT,
            gettext_lazy("Case pages that are not published: drafts and pages in review."),
        ),
        GRANTED,
        replace(
            CASE_GRANT,
            description=gettext_lazy(
                "Sum of the grant amounts the published cases give, in whole kronor (SEK)."
            ),
        ),
    ),
    chart_column=2,
    public=False,
)
def municipality_overview(filters: FigureFilters) -> Rows:
    published = live_cases(filters)  # one read of the view restrictions for the whole table
    live = _counts(published, "municipality")
    unpublished = _counts(all_cases(filters).filter(live=False), "municipality")
    grants = _grouped(grant_allocations(filters), "municipality", amount=Sum("amount"))
    case_grants = _grouped(published, "municipality", amount=Sum("grant_amount"))

    def amount(grouped: dict, pk: int) -> int:
        return _sum(grouped.get(pk, {}).get("amount"))

    rows = tuple(
        Row(
            municipality.code,
            municipality.name,
            (
                live.get(municipality.pk, 0),
                unpublished.get(municipality.pk, 0),
                amount(grants, municipality.pk),
                amount(case_grants, municipality.pk),
            ),
        )
        for municipality in _participants(filters, live, unpublished, grants)
    )
    total = (
        published.count(),
        all_cases(filters).filter(live=False).count(),
        _sum(grant_allocations(filters).aggregate(amount=Sum("amount"))["amount"]),
        _sum(published.aggregate(amount=Sum("grant_amount"))["amount"]),
    )
    return Rows(rows, Row("", _("Total"), total))


@figure(
    "matta-resultat-per-fokusomrade",
    dimension="focus_area",
    title=gettext_lazy("Measured results per focus area"),
    explanation=gettext_lazy(
        "Per focus area: published cases, those with at least one measured outcome, and their "
        "share. A case with several focus areas is counted under each."
    ),
    code_column=FOCUS_AREA_CODE,
    label_column=FOCUS_AREA,
    columns=(
        CASES_WITH_FOCUS_AREA,
        FigureColumn(
            "med_matta_resultat",
            gettext_lazy("With measured results"),
            Unit.COUNT,
            gettext_lazy("Of those, cases where at least one result indicator has an outcome."),
        ),
        replace(
            SHARE,
            description=gettext_lazy(
                "Cases with measured results as a share of them, whole per cent."
            ),
        ),
    ),
    chart_column=2,
    rows_add_up=False,
    public=False,
)
def measured_results_per_focus_area(filters: FigureFilters) -> Rows:
    cases = live_cases(filters).annotate(has_outcome=_measured())
    aggregates = {"cases": Count("pk"), "measured": Count("pk", filter=Q(has_outcome=True))}
    grouped = _grouped(cases, "themes", **aggregates)
    overall = cases.aggregate(**aggregates)

    def values(row: dict | None) -> tuple[int, int, int | None]:
        row = row or {"cases": 0, "measured": 0}
        return (row["cases"], row["measured"], share(row["measured"], row["cases"]))

    return Rows(_focus_area_rows(grouped, values), Row("", _("Total"), values(overall)))


# -- Registry -----------------------------------------------------------------------------------


def figure_keys(*, public_only: bool) -> list[str]:
    return [key for key, figure in FIGURES.items() if figure.public or not public_only]


def compute(keys: Iterable[str], filters: FigureFilters) -> list[Table]:
    return [FIGURES[key].compute(filters) for key in keys]
