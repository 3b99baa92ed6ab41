"""The import template, generated from the column definitions whenever it is downloaded.

Generating it (rather than keeping a file in the repository) means the template can never
disagree with what the importer accepts: a new column, focus area or target group appears in the
next download. The XLSX has the sheet "Insatser" with the headings and one example row, and the
sheet "Instruktioner" listing every column, whether it is required, what it means and its
allowed values. The CSV has the headings and the example row, semicolon-separated for Swedish
Excel.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .columns import IMPORT_COLUMNS, Column, Kind
from .writers import UTF8_BOM

SHEET_NAME = "Insatser"
INSTRUCTIONS_SHEET = "Instruktioner"

# The importer refuses a row with this title, so a forgotten example row is never imported.
EXAMPLE_ROW = {
    "kommunkod": "1782",
    "titel": "Exempel: Läxhjälp på biblioteket (ta bort den här raden)",
    "sammanfattning": (
        "Två eller tre meningar: vad kommunen gjorde, för vilka och vad det gav. "
        "Resten av beskrivningen skrivs i redigeringsverktyget efter importen."
    ),
    "fokusomraden": "grundskola; integration-nyanlanda",
    "nyckelord": "läxhjälp; bibliotek",
    "malgrupper": "barn; foraldrar",
    "status": "ongoing",
    "startdatum": "2024-08-15",
    "slutdatum": "",
    "bidrag_kr": "2100000",
    "total_budget_kr": "2600000",
    "evidensniva": "not_evaluated",
    "utvarderingstyp": "none",
    "kontaktperson": "Förnamn Efternamn",
    "kontakt_epost": "samordnare@kommun.example",
    "kontakt_telefon": "0590-000 00",
}


@dataclass(frozen=True)
class Instruction:
    key: str
    required: bool
    description: str
    allowed: str


def instructions() -> list[Instruction]:
    """One line per importable column, with allowed values from the database where they live."""
    from cases.models import MunicipalityPage
    from themes.models import TargetGroup, Theme

    vocabularies = {
        "kommunkod": _("Codes of the participating municipalities: %(codes)s.")
        % {
            "codes": _listing(
                MunicipalityPage.objects.order_by("municipality__code").values_list(
                    "municipality__code", "municipality__name"
                )
            )
        },
        "fokusomraden": _listing(Theme.objects.values_list("slug", "name")),
        "malgrupper": _listing(TargetGroup.objects.values_list("slug", "name")),
    }
    return [
        Instruction(
            key=column.key,
            required=column.required,
            description=str(column.description),
            allowed=vocabularies.get(column.key) or allowed_by_kind(column),
        )
        for column in IMPORT_COLUMNS
    ]


def allowed_by_kind(column: Column) -> str:
    if column.choices:
        return _listing(column.choices.choices)
    if column.kind is Kind.DATE:
        return _("A date written YYYY-MM-DD, or an Excel date cell.")
    if column.kind is Kind.INTEGER:
        return _("A whole number; spaces between thousands and “kr” are allowed.")
    if column.kind is Kind.LIST:
        return _("Any words, separated by semicolons.")
    return _("Free text.")


def _listing(pairs) -> str:
    return ", ".join(f"{value} ({label})" for value, label in pairs)


def template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    keys = [column.key for column in IMPORT_COLUMNS]
    sheet.append(keys)
    sheet.append([EXAMPLE_ROW.get(key, "") for key in keys])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for letter_cell in sheet[1]:
        sheet.column_dimensions[letter_cell.column_letter].width = 22
    # Text cells, so Excel keeps the leading zero of 0114 and does not turn codes into numbers.
    for column_cells in sheet.iter_cols(min_row=2, max_row=500, max_col=len(keys)):
        for cell in column_cells:
            cell.number_format = "@"

    guide = workbook.create_sheet(INSTRUCTIONS_SHEET)
    guide.append([_("Column"), _("Required"), _("Description"), _("Allowed values")])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for line in instructions():
        guide.append(
            [line.key, _("yes") if line.required else _("no"), line.description, line.allowed]
        )
    for letter, width in zip("ABCD", (20, 12, 60, 80), strict=True):
        guide.column_dimensions[letter].width = width
    for row in guide.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    keys = [column.key for column in IMPORT_COLUMNS]
    writer.writerow(keys)
    writer.writerow([EXAMPLE_ROW.get(key, "") for key in keys])
    return (UTF8_BOM + buffer.getvalue()).encode("utf-8")
