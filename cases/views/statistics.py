"""The follow-up figures: the public /statistik/ page, the staff report and their downloads.

The public page shows figures on published cases and grants. The staff report
(/admin/reports/uppfoljning/, moderators and administrators) shows the same and adds the figures
with unpublished pages and per-municipality money. Both take the same filters (fran, till, lan)
and offer every figure in every format, plus all of them in one workbook.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.permission_policies.pages import PagePermissionPolicy

from cases.charts import (
    BarChart,
    CountyMap,
    bar_chart,
    county_map,
    format_value,
    shows_county_map,
    summary,
)
from cases.exchange.writers import FORMATS
from cases.figure_exports import (
    FIGURE_FORMATS,
    WORKBOOK_FORMAT,
    figure_file,
    file_name,
    label_columns,
    workbook_file,
)
from cases.figure_forms import FigureFilterForm
from cases.figures import EVIDENCE_FIGURE, FIGURES, FigureFilters, Row, Table, compute, figure_keys
from cases.spread_figures import KEYS as SPREAD_KEYS
from core.content_version import cached

WORKBOOK_NAME = "alla"


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class ShownRow:
    label: str
    code: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class ShownFigure:
    """A table with everything its template needs: chart, text alternative, formatted cells."""

    table: Table
    summary: str
    chart: BarChart
    county_map: CountyMap | None
    show_codes: bool
    rows: tuple[ShownRow, ...]
    total: ShownRow
    downloads: tuple[Link, ...]
    definitions: tuple[tuple[str, str], ...]


def _shown_row(table: Table, row: Row) -> ShownRow:
    cells = tuple(
        format_value(value, column.unit)
        for column, value in zip(table.columns, row.values, strict=True)
    )
    return ShownRow(row.label, row.code, cells)


def present(table: Table, export_url: Callable[[str, str], str]) -> ShownFigure:
    as_map = shows_county_map(table)
    return ShownFigure(
        table=table,
        summary=summary(table),
        chart=bar_chart(table),  # with a map, for narrow screens where the map is too small
        county_map=county_map(table) if as_map else None,
        show_codes=table.dimension in ("county", "municipality"),
        rows=tuple(_shown_row(table, row) for row in table.rows),
        total=_shown_row(table, table.total),
        downloads=tuple(
            Link(str(FORMATS[key].label), export_url(table.key, key)) for key in FIGURE_FORMATS
        ),
        definitions=tuple(
            (column.key, column.description) for column in (*label_columns(table), *table.columns)
        ),
    )


def _with_filters(url: str, filters: FigureFilters) -> str:
    params = filters.as_params()
    return f"{url}?{urlencode(params)}" if params else url


def _export_url(url_name: str, filters: FigureFilters) -> Callable[[str, str], str]:
    def url(key: str, format_key: str) -> str:
        return _with_filters(reverse(url_name, args=[key, format_key]), filters)

    return url


def _tables(filters: FigureFilters, *, public_only: bool, today: date | None = None) -> list[Table]:
    """The public figures, computed once per content version, language, filter and date: every
    change the public can see sets a new version (core/content_version.py), and the follow-up
    figures count "this year" from `today` (the local date unless given), so they are never
    stale."""
    filters = replace(filters, today=today or timezone.localdate())
    keys = tuple(figure_keys(public_only=public_only))
    if not public_only:  # the admin's report counts drafts too, which set no new version
        return compute(keys, filters)
    # The public spread figures have a page of their own (cases/views/spread.py), the evidence
    # levels theirs beside the criteria (cms/evidence_levels.py); /statistik/ offers them in its
    # downloads and the staff report shows them with the rest.
    keys = tuple(key for key in keys if key not in (*SPREAD_KEYS, EVIDENCE_FIGURE))
    return cached("statistics_figures", (keys, filters), lambda: compute(keys, filters))


def _figures_context(request, *, public_only: bool, url_prefix: str) -> dict:
    form = FigureFilterForm(request.GET)
    filters = form.filters
    tables = _tables(filters, public_only=public_only)
    export_url = _export_url(f"{url_prefix}_export", filters)
    return {
        "filters": filters,
        "filter_form": FigureFilterForm.showing(filters),
        "notices": form.notices,
        "filter_text": form.describe(),
        "figures": [present(table, export_url) for table in tables],
        "workbook_url": _with_filters(reverse(f"{url_prefix}_workbook"), filters),
    }


def _figure_download(request, key: str, format_key: str, *, public_only: bool):
    if key not in figure_keys(public_only=public_only) or format_key not in FIGURE_FORMATS:
        raise Http404(_("There is no such figure or file format."))
    filters = FigureFilterForm(request.GET).filters
    table = FIGURES[key].compute(filters)
    return _attachment(figure_file(table, format_key), key, filters, format_key)


def _workbook_download(request, *, public_only: bool):
    filters = FigureFilterForm(request.GET).filters
    tables = compute(figure_keys(public_only=public_only), filters)
    return _attachment(workbook_file(tables), WORKBOOK_NAME, filters, WORKBOOK_FORMAT)


def _attachment(content, name: str, filters: FigureFilters, format_key: str):
    response = StreamingHttpResponse(content, content_type=FORMATS[format_key].content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=file_name(name, filters, format_key)
    )
    response["X-Robots-Tag"] = "noindex"
    return response


# -- Public -------------------------------------------------------------------------------------


@require_GET
def statistics_page(request):
    """/statistik/: follow-up figures on published cases and grants, with filters and downloads."""
    context = _figures_context(request, public_only=True, url_prefix="statistics")
    context["page_title"] = _("Statistics")
    response = render(request, "cases/statistics/page.html", context)
    if context["filters"].is_filtered:
        response["X-Robots-Tag"] = "noindex"  # filtered pages are variations of the same figures
    return response


@require_GET
def statistics_export(request, key: str, format_key: str):
    return _figure_download(request, key, format_key, public_only=True)


@require_GET
def statistics_workbook(request):
    return _workbook_download(request, public_only=True)


# -- Staff report -------------------------------------------------------------------------------

page_permission_policy = PagePermissionPolicy()


def can_see_follow_up_report(user) -> bool:
    """Moderators and administrators: whoever may publish pages; not municipality editors."""
    return page_permission_policy.user_has_permission(user, "publish")


def _require_staff(request) -> None:
    if not can_see_follow_up_report(request.user):
        raise PermissionDenied


@require_GET
def follow_up_report(request):
    """Admin report: every public figure plus unpublished pages and money per municipality."""
    _require_staff(request)
    context = _figures_context(request, public_only=False, url_prefix="follow_up_report")
    context.update(page_title=_("Follow-up"), header_title=_("Follow-up"), header_icon="table")
    return render(request, "cases/statistics/admin_report.html", context)


@require_GET
def follow_up_export(request, key: str, format_key: str):
    _require_staff(request)
    return _figure_download(request, key, format_key, public_only=False)


@require_GET
def follow_up_workbook(request):
    _require_staff(request)
    return _workbook_download(request, public_only=False)
