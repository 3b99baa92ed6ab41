"""Follow-up figures: every number on /statistik/ and in the agency's follow-up report.

Each figure is a function from FigureFilters to a Table, computed with grouped aggregate queries
(a handful per figure, never one per row). The total of a table comes from its own query, not from
adding up the rows, so a test can check that the rows reconcile with it.

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
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Cast, ExtractYear
from django.utils.translation import gettext as _
from wagtail.models import Page, WorkflowState

from cases.choices import Status
from cases.models import (
    CaseStudyPage,
    GrantAllocation,
    Municipality,
    ResultIndicator,
    public_cases,
)
from themes.models import Theme


@dataclass(frozen=True)
class FigureFilters:
    """Year range (inclusive) and county; None means no limit. Built by figure_forms."""

    year_from: int | None = None
    year_to: int | None = None
    county_code: str | None = None

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


# -- Columns ------------------------------------------------------------------------------------


def _county_code_column() -> FigureColumn:
    return FigureColumn("lankod", _("County code"), Unit.TEXT, _("County code (SCB), two digits."))


def _county_column() -> FigureColumn:
    return FigureColumn("lan", _("County"), Unit.TEXT, _("County name."))


def _year_column(key: str, label: str, description: str) -> FigureColumn:
    return FigureColumn(key, label, Unit.TEXT, description)


def _focus_area_code_column() -> FigureColumn:
    return FigureColumn(
        "fokusomrade_kod", _("Code"), Unit.TEXT, _("The focus area's short name (slug).")
    )


def _focus_area_column() -> FigureColumn:
    return FigureColumn("fokusomrade", _("Focus area"), Unit.TEXT, _("Focus area."))


def _municipality_code_column() -> FigureColumn:
    return FigureColumn(
        "kommunkod",
        _("Municipality code"),
        Unit.TEXT,
        _("Municipality code (SCB), four digits; the first two are the county code."),
    )


def _municipality_column() -> FigureColumn:
    return FigureColumn("kommun", _("Municipality"), Unit.TEXT, _("Municipality name."))


def _cases_column(description: str | None = None) -> FigureColumn:
    return FigureColumn(
        "antal_insatser",
        _("Cases"),
        Unit.COUNT,
        description or _("Number of published cases."),
    )


def _share_column(description: str) -> FigureColumn:
    return FigureColumn("andel_procent", _("Share"), Unit.PERCENT, description)


def _granted_column() -> FigureColumn:
    return FigureColumn(
        "tilldelat_bidrag_kr",
        _("Grants received"),
        Unit.SEK,
        _("Sum of the grant allocations municipalities received, in whole kronor (SEK)."),
    )


def _with_amount_column() -> FigureColumn:
    return FigureColumn(
        "insatser_med_belopp",
        _("Cases with a grant amount"),
        Unit.COUNT,
        _("Number of those cases that give a grant amount."),
    )


def _case_grant_column(description: str) -> FigureColumn:
    return FigureColumn("bidrag_i_insatser_kr", _("Grant amount in cases"), Unit.SEK, description)


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


# -- Case figures -------------------------------------------------------------------------------


def cases_per_focus_area(filters: FigureFilters) -> Table:
    cases = live_cases(filters)
    counts = _counts(cases, "themes")
    rows = [
        Row(theme.slug, theme.name, (counts.get(theme.pk, 0),)) for theme in Theme.objects.all()
    ]
    if counts.get(None):
        rows.append(Row("", _("No focus area"), (counts[None],)))
    return Table(
        key="insatser-per-fokusomrade",
        dimension="focus_area",
        title=_("Cases per focus area"),
        explanation=_(
            "Published cases per focus area. A case can have up to three focus areas and is "
            "counted under each of them, so the rows add up to more than the total, which counts "
            "every case once."
        ),
        code_column=_focus_area_code_column(),
        label_column=_focus_area_column(),
        columns=(
            _cases_column(
                _(
                    "Number of published cases with this focus area. A case with several focus "
                    "areas is counted under each; the total row counts every case once."
                )
            ),
        ),
        rows=tuple(rows),
        total=Row("", _("Total"), (cases.count(),)),
        rows_add_up=False,
    )


def cases_per_county(filters: FigureFilters) -> Table:
    cases = live_cases(filters)
    counts = _counts(cases, "municipality__county_code")
    return Table(
        key="insatser-per-lan",
        dimension="county",
        title=_("Cases per county"),
        explanation=_(
            "Published cases per county, by the county of the municipality that runs them. "
            "Counties without cases show 0."
        ),
        code_column=_county_code_column(),
        label_column=_county_column(),
        columns=(_cases_column(),),
        rows=tuple(Row(code, name, (counts.get(code, 0),)) for code, name in counties(filters)),
        total=Row("", _("Total"), (cases.count(),)),
    )


def cases_per_status(filters: FigureFilters) -> Table:
    cases = live_cases(filters)
    counts = _counts(cases, "status")
    return Table(
        key="insatser-per-status",
        dimension="status",
        title=_("Cases per status"),
        explanation=_(
            "Published cases by their status as the municipality last reported it: planned, "
            "ongoing, completed or discontinued (stopped before it was finished)."
        ),
        code_column=FigureColumn(
            "status_kod",
            _("Code"),
            Unit.TEXT,
            _("Status code: planned, ongoing, completed or discontinued."),
        ),
        label_column=FigureColumn("status", _("Status"), Unit.TEXT, _("Status.")),
        columns=(_cases_column(),),
        rows=tuple(
            Row(status.value, str(status.label), (counts.get(status.value, 0),))
            for status in Status
        ),
        total=Row("", _("Total"), (cases.count(),)),
    )


def cases_per_start_year(filters: FigureFilters) -> Table:
    cases = live_cases(filters)
    counts = _counts(cases.annotate(start_year=ExtractYear("start_date")), "start_year")
    rows = [Row("", str(year), (counts.get(year, 0),)) for year in _year_range(counts, filters)]
    if counts.get(None):  # only possible without a year filter
        rows.append(Row("", _("No start date"), (counts[None],)))
    return Table(
        key="insatser-per-startar",
        dimension="year",
        title=_("Cases per start year"),
        explanation=_("Published cases by the year they started."),
        code_column=None,
        label_column=_year_column("startar", _("Start year"), _("The year the case started.")),
        columns=(_cases_column(),),
        rows=tuple(rows),
        total=Row("", _("Total"), (cases.count(),)),
    )


def measured_results(filters: FigureFilters) -> Table:
    cases = live_cases(filters)
    counts = _counts(cases.annotate(has_outcome=_measured()), "has_outcome")
    total = cases.count()
    measured, unmeasured = counts.get(True, 0), counts.get(False, 0)
    return Table(
        key="insatser-med-matta-resultat",
        dimension="result",
        title=_("Cases with measured results"),
        explanation=_(
            "Published cases where at least one result indicator has a measured outcome, and the "
            "rest (no indicators, or indicators without an outcome yet)."
        ),
        code_column=FigureColumn(
            "kod", _("Code"), Unit.TEXT, _("matt: with measured results; ej_matt: without.")
        ),
        label_column=FigureColumn("resultat", _("Results"), Unit.TEXT, _("Measured or not.")),
        columns=(
            _cases_column(),
            _share_column(_("Share of all published cases, whole per cent.")),
        ),
        rows=(
            Row("matt", _("With measured results"), (measured, share(measured, total))),
            Row("ej_matt", _("Without measured results"), (unmeasured, share(unmeasured, total))),
        ),
        total=Row("", _("Total"), (total, share(total, total))),
        chart_column=1,
    )


def cases_per_municipality(filters: FigureFilters) -> Table:
    cases = live_cases(filters)
    counts = _counts(cases, "municipality")
    return Table(
        key="insatser-per-kommun",
        dimension="municipality",
        title=_("Cases per participating municipality"),
        explanation=_("Published cases per municipality taking part in the programme."),
        code_column=_municipality_code_column(),
        label_column=_municipality_column(),
        columns=(_cases_column(),),
        rows=tuple(
            Row(municipality.code, municipality.name, (counts.get(municipality.pk, 0),))
            for municipality in _participants(filters, counts)
        ),
        total=Row("", _("Total"), (cases.count(),)),
    )


def _participants(filters: FigureFilters, *found: dict) -> list[Municipality]:
    """Municipalities with a municipality page, and any other that appears in the figures."""
    extra = {pk for counts in found for pk in counts if pk is not None}
    queryset = Municipality.objects.filter(Q(page__isnull=False) | Q(pk__in=extra))
    if filters.county_code is not None:
        queryset = queryset.filter(county_code=filters.county_code)
    return list(queryset.order_by("name"))


# -- Grant figures ------------------------------------------------------------------------------


def grants_per_year(filters: FigureFilters) -> Table:
    grants = grant_allocations(filters)
    amounts = {
        year: row["amount"] for year, row in _grouped(grants, "year", amount=Sum("amount")).items()
    }
    return Table(
        key="bidrag-per-ar",
        dimension="year",
        title=_("Grants received per year"),
        explanation=_(
            "What the municipalities received from the programme, per grant year, from the "
            "registered grant allocations."
        ),
        code_column=None,
        label_column=_year_column("ar", _("Year"), _("The year of the grant allocation.")),
        columns=(_granted_column(),),
        rows=tuple(
            Row("", str(year), (_sum(amounts.get(year)),)) for year in _year_range(amounts, filters)
        ),
        total=Row("", _("Total"), (_sum(grants.aggregate(amount=Sum("amount"))["amount"]),)),
    )


def grants_per_county(filters: FigureFilters) -> Table:
    grants = grant_allocations(filters)
    amounts = _grouped(grants, "municipality__county_code", amount=Sum("amount"))
    return Table(
        key="bidrag-per-lan",
        dimension="county",
        title=_("Grants received per county"),
        explanation=_(
            "What the municipalities in each county received from the programme, from the "
            "registered grant allocations."
        ),
        code_column=_county_code_column(),
        label_column=_county_column(),
        columns=(_granted_column(),),
        rows=tuple(
            Row(code, name, (_sum(amounts.get(code, {}).get("amount")),))
            for code, name in counties(filters)
        ),
        total=Row("", _("Total"), (_sum(grants.aggregate(amount=Sum("amount"))["amount"]),)),
    )


def _case_grant_aggregates():
    return {
        "cases": Count("pk"),
        "with_amount": Count("grant_amount"),
        "amount": Sum("grant_amount"),
    }


def _case_grant_values(row: dict | None) -> tuple[int, int, int]:
    row = row or {}
    return (row.get("cases", 0), row.get("with_amount", 0), _sum(row.get("amount")))


def case_grants_per_focus_area(filters: FigureFilters) -> Table:
    cases = live_cases(filters)
    grouped = _grouped(cases, "themes", **_case_grant_aggregates())
    rows = [
        Row(theme.slug, theme.name, _case_grant_values(grouped.get(theme.pk)))
        for theme in Theme.objects.all()
    ]
    if None in grouped:
        rows.append(Row("", _("No focus area"), _case_grant_values(grouped[None])))
    return Table(
        key="insatsbidrag-per-fokusomrade",
        dimension="focus_area",
        title=_("Grant amount in cases per focus area"),
        explanation=_(
            "The grant amounts the published cases give, per focus area. A case with several "
            "focus areas is counted in full under each of them, so the rows add up to more than "
            "the total, which counts every case once."
        ),
        code_column=_focus_area_code_column(),
        label_column=_focus_area_column(),
        columns=(
            _cases_column(_("Number of published cases with this focus area.")),
            _with_amount_column(),
            _case_grant_column(
                _(
                    "Sum of the grant amounts the cases give, in whole kronor (SEK). A case with "
                    "several focus areas is counted in full under each; the total row counts "
                    "every case once."
                )
            ),
        ),
        rows=tuple(rows),
        total=Row("", _("Total"), _case_grant_values(cases.aggregate(**_case_grant_aggregates()))),
        chart_column=2,
        rows_add_up=False,
    )


def case_grants_per_start_year(filters: FigureFilters) -> Table:
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
    return Table(
        key="insatsbidrag-per-startar",
        dimension="year",
        title=_("Grant amount in cases per start year"),
        explanation=_(
            "The grant amounts the published cases give, by the year the case started. This is "
            "what municipalities report on their cases, not what they received."
        ),
        code_column=None,
        label_column=_year_column("startar", _("Start year"), _("The year the case started.")),
        columns=(
            _cases_column(),
            _with_amount_column(),
            _case_grant_column(
                _("Sum of the grant amounts the cases give, in whole kronor (SEK).")
            ),
        ),
        rows=tuple(rows),
        total=Row("", _("Total"), _case_grant_values(cases.aggregate(**_case_grant_aggregates()))),
        chart_column=2,
    )


# -- Staff-only figures -------------------------------------------------------------------------


def publication_states(filters: FigureFilters) -> Table:
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
    return Table(
        key="publiceringslage",
        dimension="publication",
        title=_("Case pages by publication state"),
        explanation=_(
            "All case pages, published or not. In review means a moderator has been asked to "
            "approve it; a draft is not published and not in review (including pages sent back "
            "for changes). Published with restricted access means published behind a password, "
            "login or group restriction on the page or above it: such cases count nowhere else "
            "as published. The filters apply as elsewhere."
        ),
        code_column=FigureColumn(
            "kod",
            _("Code"),
            Unit.TEXT,
            _("publicerad, publicerad_andring_granskas, publicerad_begransad, granskas or utkast."),
        ),
        label_column=FigureColumn(
            "publiceringslage", _("Publication state"), Unit.TEXT, _("Publication state.")
        ),
        columns=(FigureColumn("antal_sidor", _("Case pages"), Unit.COUNT, _("Number of pages.")),),
        rows=tuple(Row(code, label, (grouped.get(key, 0),)) for code, label, key in states),
        total=Row("", _("Total"), (all_cases(filters).count(),)),
    )


def municipality_overview(filters: FigureFilters) -> Table:
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
    return Table(
        key="kommuner-insatser-och-bidrag",
        dimension="municipality",
        title=_("Participating municipalities: cases and grants"),
        explanation=_(
            "Per participating municipality: published cases, cases not yet published (drafts "
            "and in review), the grants it received (grant allocations, by grant year) and the "
            "grant amounts its published cases give (by start year)."
        ),
        code_column=_municipality_code_column(),
        label_column=_municipality_column(),
        columns=(
            FigureColumn(
                "publicerade_insatser", _("Published cases"), Unit.COUNT, _("Published cases.")
            ),
            FigureColumn(
                "ej_publicerade_insatser",
                _("Not yet published"),
                Unit.COUNT,
                _("Case pages that are not published: drafts and pages in review."),
            ),
            _granted_column(),
            _case_grant_column(
                _("Sum of the grant amounts the published cases give, in whole kronor (SEK).")
            ),
        ),
        rows=rows,
        total=Row("", _("Total"), total),
        chart_column=2,
    )


def measured_results_per_focus_area(filters: FigureFilters) -> Table:
    cases = live_cases(filters).annotate(has_outcome=_measured())
    aggregates = {"cases": Count("pk"), "measured": Count("pk", filter=Q(has_outcome=True))}
    grouped = _grouped(cases, "themes", **aggregates)
    overall = cases.aggregate(**aggregates)

    def values(row: dict | None) -> tuple[int, int, int | None]:
        row = row or {"cases": 0, "measured": 0}
        return (row["cases"], row["measured"], share(row["measured"], row["cases"]))

    rows = [
        Row(theme.slug, theme.name, values(grouped.get(theme.pk))) for theme in Theme.objects.all()
    ]
    if None in grouped:
        rows.append(Row("", _("No focus area"), values(grouped[None])))
    return Table(
        key="matta-resultat-per-fokusomrade",
        dimension="focus_area",
        title=_("Measured results per focus area"),
        explanation=_(
            "Per focus area: published cases, those with at least one measured outcome, and their "
            "share. A case with several focus areas is counted under each."
        ),
        code_column=_focus_area_code_column(),
        label_column=_focus_area_column(),
        columns=(
            _cases_column(_("Number of published cases with this focus area.")),
            FigureColumn(
                "med_matta_resultat",
                _("With measured results"),
                Unit.COUNT,
                _("Of those, cases where at least one result indicator has an outcome."),
            ),
            _share_column(_("Cases with measured results as a share of them, whole per cent.")),
        ),
        rows=tuple(rows),
        total=Row("", _("Total"), values(overall)),
        chart_column=2,
        rows_add_up=False,
    )


# -- Registry -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    key: str
    compute: Callable[[FigureFilters], Table]
    public: bool


FIGURES: dict[str, Figure] = {
    figure.key: figure
    for figure in (
        Figure("insatser-per-fokusomrade", cases_per_focus_area, public=True),
        Figure("insatser-per-lan", cases_per_county, public=True),
        Figure("insatser-per-status", cases_per_status, public=True),
        Figure("insatser-per-startar", cases_per_start_year, public=True),
        Figure("insatser-med-matta-resultat", measured_results, public=True),
        Figure("insatser-per-kommun", cases_per_municipality, public=True),
        Figure("bidrag-per-ar", grants_per_year, public=True),
        Figure("bidrag-per-lan", grants_per_county, public=True),
        Figure("insatsbidrag-per-fokusomrade", case_grants_per_focus_area, public=True),
        Figure("insatsbidrag-per-startar", case_grants_per_start_year, public=True),
        Figure("publiceringslage", publication_states, public=False),
        Figure("kommuner-insatser-och-bidrag", municipality_overview, public=False),
        Figure("matta-resultat-per-fokusomrade", measured_results_per_focus_area, public=False),
    )
}


def figure_keys(*, public_only: bool) -> list[str]:
    return [key for key, figure in FIGURES.items() if figure.public or not public_only]


def compute(keys: Iterable[str], filters: FigureFilters) -> list[Table]:
    return [FIGURES[key].compute(filters) for key in keys]
