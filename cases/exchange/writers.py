"""Streaming file writers: rows of Python values in, bytes out, one row at a time.

Every writer takes the column definitions and an iterable of rows (mappings keyed by column key)
and yields bytes, so an export of 100,000 cases never holds the whole file in memory. XLSX is the
exception that proves the rule: openpyxl's write-only mode spools rows to a temporary file, which
is then streamed in chunks.
"""

from __future__ import annotations

import csv
import json
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC

from django.utils.translation import gettext_lazy as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .cells import as_json, as_text, neutralise_formula
from .columns import Column, Kind

CHUNK_SIZE = 64 * 1024
UTF8_BOM = "\ufeff"


@dataclass(frozen=True)
class FileFormat:
    key: str
    label: str
    extension: str
    content_type: str


FORMATS: dict[str, FileFormat] = {
    fmt.key: fmt
    for fmt in (
        FileFormat("csv", _("CSV (comma)"), "csv", "text/csv; charset=utf-8"),
        FileFormat(
            "csv-semikolon",
            _("CSV for Swedish Excel (semicolon)"),
            "csv",
            "text/csv; charset=utf-8",
        ),
        FileFormat(
            "xlsx",
            _("Excel (XLSX)"),
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        FileFormat("json", _("JSON"), "json", "application/json"),
        FileFormat("jsonl", _("JSON Lines"), "jsonl", "application/x-ndjson"),
    )
}


class _Line:
    """A file-like object for csv.writer that hands back each written line."""

    def write(self, text: str) -> str:
        return text


def write_csv(
    columns: Iterable[Column], rows: Iterable[Mapping], *, delimiter: str = ","
) -> Iterator[bytes]:
    columns = list(columns)
    writer = csv.writer(_Line(), delimiter=delimiter, lineterminator="\r\n")
    yield (UTF8_BOM + writer.writerow([column.key for column in columns])).encode("utf-8")
    for row in rows:
        line = writer.writerow([as_text(row.get(column.key), column.kind) for column in columns])
        yield line.encode("utf-8")


def write_json(columns: Iterable[Column], rows: Iterable[Mapping]) -> Iterator[bytes]:
    columns = list(columns)
    yield b"["
    separator = b"\n"
    for row in rows:
        yield separator + _json_object(columns, row)
        separator = b",\n"
    yield b"\n]\n"


def write_json_lines(columns: Iterable[Column], rows: Iterable[Mapping]) -> Iterator[bytes]:
    columns = list(columns)
    for row in rows:
        yield _json_object(columns, row) + b"\n"


def _json_object(columns: list[Column], row: Mapping) -> bytes:
    document = {column.key: as_json(row.get(column.key), column.kind) for column in columns}
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def _xlsx_cell(value, column: Column):
    if value is None:
        return None
    if column.kind is Kind.DATETIME:
        # Excel has no time zones; exports are in UTC, as in the CSV and JSON files.
        return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
    if column.kind in (Kind.INTEGER, Kind.DATE):
        return value
    # openpyxl refuses control characters (a vertical tab pasted from Word would stop the file).
    return ILLEGAL_CHARACTERS_RE.sub("", as_text(value, column.kind))


def write_xlsx(
    columns: Iterable[Column], rows: Iterable[Mapping], *, sheet_title: str = "Insatser"
) -> Iterator[bytes]:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    columns = list(columns)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=neutralise_formula(sheet_title)[:31])
    sheet.freeze_panes = "A2"
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.key)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_xlsx_cell(row.get(column.key), column) for column in columns])
    with tempfile.TemporaryFile() as spool:
        workbook.save(spool)
        spool.seek(0)
        while chunk := spool.read(CHUNK_SIZE):
            yield chunk


def stream(format_key: str, columns: Iterable[Column], rows: Iterable[Mapping]) -> Iterator[bytes]:
    """The rows as a file in the given format (a key of FORMATS)."""
    if format_key == "csv":
        return write_csv(columns, rows)
    if format_key == "csv-semikolon":
        return write_csv(columns, rows, delimiter=";")
    if format_key == "xlsx":
        return write_xlsx(columns, rows)
    if format_key == "json":
        return write_json(columns, rows)
    if format_key == "jsonl":
        return write_json_lines(columns, rows)
    raise ValueError(f"Unknown export format: {format_key}")
