"""Follow-up figures as files: one figure in any export format, or all of them in one workbook.

A figure's file has its label columns (code and name) and then its value columns, one row per
table row and a last row labelled with the total ("Totalt"), as in the table on the page. The
column definitions come with the figure (FigureColumn.description) and are listed on the page,
in the workbook's "kolumner" sheet and in docs/architecture.md.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator

from django.utils import timezone

from .exchange.cells import neutralise_formula
from .exchange.columns import Column, Kind
from .exchange.writers import CHUNK_SIZE, FORMATS, stream
from .figures import FigureColumn, FigureFilters, Row, Table, Unit

# The formats offered for one figure (JSON Lines adds nothing for tables this small).
FIGURE_FORMATS = ("csv", "csv-semikolon", "xlsx", "json")
WORKBOOK_FORMAT = "xlsx"


def _column(column: FigureColumn) -> Column:
    kind = Kind.TEXT if column.unit is Unit.TEXT else Kind.INTEGER
    return Column(column.key, "", kind, column.description, importable=False)  # no case field


def label_columns(table: Table) -> list[FigureColumn]:
    return [column for column in (table.code_column, table.label_column) if column is not None]


def export_columns(table: Table) -> list[Column]:
    return [_column(column) for column in (*label_columns(table), *table.columns)]


def _export_row(table: Table, row: Row) -> dict:
    record = {table.label_column.key: row.label}
    if table.code_column is not None:
        record[table.code_column.key] = row.code
    for column, value in zip(table.columns, row.values, strict=True):
        record[column.key] = value
    return record


def export_rows(table: Table) -> list[dict]:
    return [_export_row(table, row) for row in (*table.rows, table.total)]


def figure_file(table: Table, format_key: str) -> Iterator[bytes]:
    """One figure in a format of FIGURE_FORMATS, through the shared exchange writers."""
    return stream(format_key, export_columns(table), export_rows(table))


def file_name(name: str, filters: FigureFilters, format_key: str) -> str:
    """ASCII-only: kunskapsbanken-statistik-insatser-per-lan-lan-17-2019-2022-2026-11-27.csv"""
    parts = ["kunskapsbanken-statistik", name]
    if filters.county_code is not None:
        parts.append(f"lan-{filters.county_code}")
    if filters.year_from is not None and filters.year_to is not None:
        parts.append(f"{filters.year_from}-{filters.year_to}")
    elif filters.year_from is not None:
        parts.append(f"fran-{filters.year_from}")
    elif filters.year_to is not None:
        parts.append(f"till-{filters.year_to}")
    parts.append(f"{timezone.localdate():%Y-%m-%d}")
    return "-".join(parts) + "." + FORMATS[format_key].extension


DEFINITION_COLUMNS = ("figur", "titel", "kolumn", "beskrivning")


def definition_rows(tables: Iterable[Table]) -> list[tuple[str, str, str, str]]:
    return [
        (table.key, table.title, column.key, column.description)
        for table in tables
        for column in (*label_columns(table), *table.columns)
    ]


def _cell(value, column: Column):
    if value is None or column.kind is Kind.INTEGER:
        return value
    return neutralise_formula(str(value))


def workbook_file(tables: list[Table]) -> Iterator[bytes]:
    """All figures in one XLSX workbook: a sheet per figure (named by its key) and 'kolumner'."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)

    def add_sheet(title: str, headers: Iterable[str], rows: Iterable[Iterable]) -> None:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.freeze_panes = "A2"
        header = []
        for text in headers:
            cell = WriteOnlyCell(sheet, value=text)
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        for row in rows:
            sheet.append(list(row))

    for table in tables:
        columns = export_columns(table)
        add_sheet(
            table.key,
            [column.key for column in columns],
            (
                [_cell(record.get(column.key), column) for column in columns]
                for record in export_rows(table)
            ),
        )
    add_sheet(
        "kolumner",
        DEFINITION_COLUMNS,
        ([neutralise_formula(str(text)) for text in row] for row in definition_rows(tables)),
    )
    with tempfile.TemporaryFile() as spool:
        workbook.save(spool)
        spool.seek(0)
        while chunk := spool.read(CHUNK_SIZE):
            yield chunk
