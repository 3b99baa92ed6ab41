"""The columns of a case in exports, in the import template and in the open-data package.

One definition serves all three, so a file exported from the platform can be imported again
(the round trip) and the data dictionary can never disagree with the files. Keys are stable,
Swedish, ASCII-only column names that officers see as spreadsheet headers; descriptions are the
data dictionary. Multi-valued cells (focus areas, keywords, target groups) hold values separated
by LIST_SEPARATOR; imports also accept commas.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from cases.choices import EvaluationKind, EvidenceLevel, Status

LIST_SEPARATOR = "; "


class Kind(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    DATE = "date"
    DATETIME = "datetime"
    LIST = "list"
    CHOICE = "choice"
    URL = "url"
    BOOLEAN = "boolean"


@dataclass(frozen=True)
class Column:
    key: str
    kind: Kind
    description: str
    required: bool = False  # required in the import template
    importable: bool = True  # False: written by exports, ignored by imports
    choices: type | None = None  # a TextChoices class for Kind.CHOICE

    def allowed_values(self) -> list[str]:
        return [value for value, _label in self.choices.choices] if self.choices else []


CASE_COLUMNS: tuple[Column, ...] = (
    Column(
        "id",
        Kind.INTEGER,
        _("The case's number on the platform (page id). Empty in new rows."),
        importable=False,
    ),
    Column(
        "kommunkod",
        Kind.TEXT,
        _("Municipality code, four digits, as listed by Statistics Sweden (SCB), e.g. 1782."),
        required=True,
    ),
    Column(
        "kommun",
        Kind.TEXT,
        _("Municipality name (for reading; the code decides)."),
        importable=False,
    ),
    Column("lan", Kind.TEXT, _("County name (for reading)."), importable=False),
    Column(
        "titel", Kind.TEXT, _("Title of the initiative, at most 255 characters."), required=True
    ),
    Column(
        "sammanfattning",
        Kind.TEXT,
        _("Summary: two or three sentences, at most 600 characters."),
        required=True,
    ),
    Column(
        "fokusomraden",
        Kind.LIST,
        _("One to three focus areas, by name or short name (slug), separated by semicolons."),
        required=True,
    ),
    Column("nyckelord", Kind.LIST, _("Free keywords separated by semicolons.")),
    Column(
        "malgrupper", Kind.LIST, _("Target groups by name or short name, separated by semicolons.")
    ),
    Column(
        "status", Kind.CHOICE, _("Status code (see allowed values)."), required=True, choices=Status
    ),
    Column("startdatum", Kind.DATE, _("Start date, YYYY-MM-DD.")),
    Column("slutdatum", Kind.DATE, _("End date, YYYY-MM-DD; empty while the work goes on.")),
    Column("bidrag_kr", Kind.INTEGER, _("Amount of the state grant used, whole kronor (SEK).")),
    Column("total_budget_kr", Kind.INTEGER, _("Total budget, whole kronor (SEK).")),
    Column(
        "evidensniva",
        Kind.CHOICE,
        _("Evidence level code (see allowed values)."),
        choices=EvidenceLevel,
    ),
    Column(
        "utvarderingstyp",
        Kind.CHOICE,
        _("Kind of evaluation code (see allowed values)."),
        choices=EvaluationKind,
    ),
    Column("kontaktperson", Kind.TEXT, _("Name of the contact person.")),
    Column("kontakt_epost", Kind.TEXT, _("Contact e-mail address.")),
    Column("kontakt_telefon", Kind.TEXT, _("Contact telephone number.")),
    Column("url", Kind.URL, _("Address of the published case page."), importable=False),
    Column(
        "publicerad",
        Kind.DATETIME,
        _("When the case was first published (UTC)."),
        importable=False,
    ),
    Column(
        "senast_andrad",
        Kind.DATETIME,
        _("When the published case was last changed (UTC)."),
        importable=False,
    ),
)

IMPORT_COLUMNS: tuple[Column, ...] = tuple(column for column in CASE_COLUMNS if column.importable)
COLUMNS_BY_KEY = {column.key: column for column in CASE_COLUMNS}
