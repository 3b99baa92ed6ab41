"""Reading a file of cases (CSV or XLSX) into rows of text keyed by column key.

Officers fill in the template in Excel or LibreOffice and save it as XLSX or as CSV in whatever
encoding and delimiter their program uses, so the reader sniffs both. What comes out is plain text
per cell – numbers and dates from XLSX cells are turned into the text an officer would have typed –
and every problem with the file as a whole is a readable message, never an exception.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel

from .cells import restore_formula
from .columns import CASE_COLUMNS, COLUMNS_BY_KEY, IMPORT_COLUMNS, Kind
from .template import INSTRUCTIONS_SHEET, SHEET_NAME

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
# An XLSX file is a zip archive; its sheets may unpack to far more than the upload (a "zip bomb").
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
CSV_DELIMITERS = (";", ",", "\t")

XLSX_SIGNATURE = b"PK\x03\x04"
PDF_SIGNATURE = b"%PDF"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0"  # old binary Office files (.xls, .doc)
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

IMPORTABLE_KEYS = {column.key for column in IMPORT_COLUMNS}
KNOWN_KEYS = {column.key for column in CASE_COLUMNS}
REQUIRED_KEYS = [column.key for column in IMPORT_COLUMNS if column.required]

# Headings people write instead of the keys, after normalising (see header_key).
HEADER_ALIASES = {
    "kommun_kod": "kommunkod",
    "kommunnummer": "kommunkod",
    "fokusomrade": "fokusomraden",
    "malgrupp": "malgrupper",
    "bidrag": "bidrag_kr",
    "statsbidrag": "bidrag_kr",
    "statsbidrag_kr": "bidrag_kr",
    "total_budget": "total_budget_kr",
    "budget": "total_budget_kr",
    "budget_kr": "total_budget_kr",
    "kontakt": "kontaktperson",
    "kontakt_e_post": "kontakt_epost",
    "e_post": "kontakt_epost",
    "epost": "kontakt_epost",
    "telefon": "kontakt_telefon",
    "utvardering": "utvarderingstyp",
    "evidens": "evidensniva",
}


@dataclass(frozen=True)
class SourceRow:
    number: int  # as the spreadsheet program shows it: the heading row is row 1
    values: dict[str, str]
    extra_cells: bool = False  # text to the right of the last heading


@dataclass
class Table:
    rows: list[SourceRow] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # importable keys found in the heading
    errors: list[str] = field(default_factory=list)  # problems with the file as a whole
    warnings: list[str] = field(default_factory=list)
    file_format: str = ""

    @property
    def readable(self) -> bool:
        return not self.errors


class UnreadableFile(Exception):
    """The file cannot be read at all; the message says why, for the person who uploaded it."""


def header_key(heading: str) -> str:
    """'Fokusområden ' -> 'fokusomraden', 'Bidrag (kr)' -> 'bidrag_kr'."""
    text = unicodedata.normalize("NFKD", heading.replace("\ufeff", "").strip().casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = re.sub(r"[^a-z0-9]+", "_", text).strip("_")
    return HEADER_ALIASES.get(text, text)


def read_table(content: bytes, filename: str = "") -> Table:
    """The rows of a CSV or XLSX file, or a Table whose errors say why it cannot be used."""
    try:
        return _read(content, filename)
    except UnreadableFile as problem:
        return Table(errors=[str(problem)])


def _read(content: bytes, filename: str) -> Table:
    if len(content) > MAX_FILE_BYTES:
        raise UnreadableFile(
            _("The file is %(size)d MB; at most %(max)d MB can be imported. Split it into parts.")
            % {"size": len(content) // (1024 * 1024), "max": MAX_FILE_BYTES // (1024 * 1024)}
        )
    if not content.strip(b" \t\r\n" + UTF8_BOM):
        raise UnreadableFile(_("The file is empty."))
    extension = filename.rsplit(".", 1)[-1].casefold() if "." in filename else ""
    if content.startswith(PDF_SIGNATURE):
        raise UnreadableFile(
            _("The file is a PDF document, not a spreadsheet. Use the template (XLSX or CSV).")
        )
    if content.startswith(OLE_SIGNATURE):
        raise UnreadableFile(
            _(
                "The file is in the old Excel format (.xls) or another old Office format. "
                "Save it as Excel workbook (.xlsx) or CSV and try again."
            )
        )
    if content.startswith(XLSX_SIGNATURE):
        heading, rows = _xlsx_rows(content)
        table = _table(heading, rows)
        table.file_format = "xlsx"
        return table
    if extension in ("xlsx", "xlsm", "ods"):
        raise UnreadableFile(
            _("The file is named .%(extension)s but is not an Excel workbook.")
            % {"extension": extension}
        )
    text, warnings = _decode(content)
    heading, rows = _csv_rows(text)
    table = _table(heading, rows)
    table.file_format = "csv"
    table.warnings[:0] = warnings
    return table


# --- CSV ---------------------------------------------------------------------------------------


def _decode(content: bytes) -> tuple[str, list[str]]:
    if content.startswith(UTF8_BOM):
        return _strict(content, "utf-8-sig"), []
    if content.startswith(UTF16_BOMS):  # Excel's "Unicode text"
        return _strict(content, "utf-16"), []
    if b"\x00" in content:
        raise UnreadableFile(
            _("The file is not a text (CSV) file. Use the template (XLSX or CSV).")
        )
    try:
        return content.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    try:
        text = content.decode("cp1252")
    except UnicodeDecodeError:
        text = content.decode("latin-1")
    return text, [
        _(
            "The file is not saved as UTF-8, so it was read as Windows (Western European) text. "
            "Check that å, ä and ö look right below; if not, save the file as “CSV UTF-8”."
        )
    ]


def _strict(content: bytes, encoding: str) -> str:
    try:
        return content.decode(encoding)
    except UnicodeDecodeError:
        raise UnreadableFile(
            _("The file says it is Unicode text but contains invalid characters.")
        ) from None


def _csv_rows(text: str):
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0].strip()
    hinted = re.fullmatch(r"sep=(.)", first_line)  # Excel's "sep=;" line
    if hinted:
        delimiter, first_row = hinted.group(1), 2
        text = text.split("\n", 1)[1] if "\n" in text else ""
    else:
        delimiter = max(CSV_DELIMITERS, key=lambda candidate: _heading_score(first_line, candidate))
        first_row = 1
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        heading = next(reader, [])
        rows = ((number, row) for number, row in enumerate(reader, start=first_row + 1))
        # Materialise here so that a malformed file fails inside this try.
        return heading, list(_limited(rows))
    except csv.Error as error:
        raise UnreadableFile(
            _("The file could not be read as CSV: %(error)s") % {"error": error}
        ) from None


def _heading_score(line: str, delimiter: str) -> tuple[int, int]:
    cells = next(csv.reader([line], delimiter=delimiter), [])
    return sum(header_key(cell) in KNOWN_KEYS for cell in cells), len(cells)


# --- XLSX --------------------------------------------------------------------------------------


def _damaged() -> str:
    return _("The file is damaged: it could not be opened as a workbook.")


def _xlsx_rows(content: bytes):
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise UnreadableFile(_damaged()) from None
    if "xl/workbook.xml" not in names:
        raise UnreadableFile(
            _(
                "The file is not an Excel workbook (perhaps a Word or OpenDocument file). "
                "Save it as Excel workbook (.xlsx) or CSV."
            )
        )
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableFile(_("The workbook is too large to import. Split it into parts."))
    try:
        return _sheet_rows(content)
    except UnreadableFile:
        raise
    except Exception:  # openpyxl and zipfile raise many kinds of errors for damaged workbooks
        raise UnreadableFile(_damaged()) from None


def _sheet_rows(content: bytes):
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        sheet = _data_sheet(workbook)
        sheet.reset_dimensions()  # some programs write wrong dimensions; read what is there
        rows = enumerate(sheet.iter_rows(values_only=True), start=1)
        heading: list[str] = []
        for _number, values in rows:
            if any(value not in (None, "") for value in values):
                heading = [_cell_text(value) for value in values]
                break
        else:
            return [], []
        return heading, list(_limited(rows))  # the rest of the same iterator
    finally:
        workbook.close()


def _data_sheet(workbook):
    by_name = {name.strip().casefold(): name for name in workbook.sheetnames}
    if SHEET_NAME.casefold() in by_name:
        return workbook[by_name[SHEET_NAME.casefold()]]
    for name in workbook.sheetnames:
        if name.strip().casefold() != INSTRUCTIONS_SHEET.casefold():
            return workbook[name]
    return workbook.worksheets[0]


def _cell_text(value, kind: Kind | None = None) -> str:
    """An XLSX cell as the text an officer would have typed (CSV cells are text already)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if kind is Kind.DATE and isinstance(value, int | float) and not isinstance(value, bool):
        # A date cell that lost its date format still holds Excel's day number.
        try:
            value = from_excel(value)
        except (OverflowError, ValueError):
            return str(value)
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


# --- Both -------------------------------------------------------------------------------------


def _value(values: list, index: int, kind: Kind) -> str:
    if index >= len(values):
        return ""
    return restore_formula(_cell_text(values[index], kind).strip())


def _limited(rows):
    kept = 0
    for number, values in rows:
        if not any(_cell_text(value).strip() for value in values):
            continue
        kept += 1
        if kept > MAX_ROWS:
            raise UnreadableFile(
                _("The file has more than %(max)d rows; split it into parts.") % {"max": MAX_ROWS}
            )
        yield number, values


def _table(heading: list[str], rows: list[tuple[int, list]]) -> Table:
    table = Table()
    keys = [header_key(cell) if cell.strip() else "" for cell in heading]
    unknown = [
        cell.strip()
        for cell, key in zip(heading, keys, strict=True)
        if key and key not in KNOWN_KEYS
    ]
    if unknown:
        table.errors.append(
            _("Unknown column headings: %(headings)s. Allowed headings: %(allowed)s.")
            % {
                "headings": ", ".join(f"“{heading}”" for heading in unknown),
                "allowed": ", ".join(column.key for column in IMPORT_COLUMNS),
            }
        )
    repeated = sorted({key for key in keys if key and keys.count(key) > 1})
    if repeated:
        table.errors.append(
            _("These columns appear more than once: %(columns)s.")
            % {"columns": ", ".join(repeated)}
        )
    missing = [key for key in REQUIRED_KEYS if key not in keys]
    if missing:
        table.errors.append(
            _("Required columns are missing: %(columns)s. Start from the template.")
            % {"columns": ", ".join(missing)}
        )
    if not table.errors and not rows:
        table.errors.append(_("The file has column headings but no rows with cases."))
    if table.errors:
        return table
    table.columns = [key for key in keys if key in IMPORTABLE_KEYS]
    positions = [(index, key) for index, key in enumerate(keys) if key in IMPORTABLE_KEYS]
    width = len(keys)
    for number, values in rows:
        table.rows.append(
            SourceRow(
                number=number,
                values={
                    key: _value(values, index, COLUMNS_BY_KEY[key].kind) for index, key in positions
                },
                extra_cells=any(_cell_text(value).strip() for value in values[width:]),
            )
        )
    return table
