"""The columns of a case in exports, in the import template and in the open-data package.

One definition serves all three, so a file exported from the platform can be imported again
(the round trip) and the data dictionary can never disagree with the files. Keys are stable,
Swedish, ASCII-only column names that officers see as spreadsheet headers; descriptions are the
data dictionary. Multi-valued cells (focus areas, keywords, target groups) hold values separated
by LIST_SEPARATOR; imports also accept commas. Exports and open data write EXPORT_COLUMNS: the
contact's e-mail address is imported but never published (readers use the contact form).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from cases.choices import ChosenEvidenceLevel, EvaluationKind, Status

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
    field: str  # the canonical field name (cases/serialisation.py), mostly CaseStudyPage's
    kind: Kind
    description: str
    required: bool = False  # required in the import template
    importable: bool = True  # False: written by exports, ignored by imports
    exported: bool = True  # False: read by imports, never published (exports, open data)
    choices: type | None = None  # a TextChoices class for Kind.CHOICE

    def allowed_values(self) -> list[str]:
        return [value for value, _label in self.choices.choices] if self.choices else []


CASE_COLUMNS: tuple[Column, ...] = (
    Column(
        "id",
        "id",
        Kind.INTEGER,
        _("The case's number on the platform (page id). Empty in new rows."),
        importable=False,
    ),
    Column(
        "kommunkod",
        "municipality",
        Kind.TEXT,
        _("Municipality code, four digits, as listed by Statistics Sweden (SCB), e.g. 1782."),
        required=True,
    ),
    Column(
        "kommun",
        "municipality_name",
        Kind.TEXT,
        _("Municipality name (for reading; the code decides)."),
        importable=False,
    ),
    Column("lan", "county_name", Kind.TEXT, _("County name (for reading)."), importable=False),
    Column(
        "titel",
        "title",
        Kind.TEXT,
        _("Title of the initiative, at most 255 characters."),
        required=True,
    ),
    Column(
        "sammanfattning",
        "summary",
        Kind.TEXT,
        _("Summary: two or three sentences, at most 600 characters."),
        required=True,
    ),
    Column(
        "fokusomraden",
        "themes",
        Kind.LIST,
        _("One to three focus areas, by name or short name (slug), separated by semicolons."),
        required=True,
    ),
    Column("nyckelord", "keywords", Kind.LIST, _("Free keywords separated by semicolons.")),
    Column(
        "malgrupper",
        "target_groups",
        Kind.LIST,
        _("Target groups by name or short name, separated by semicolons."),
    ),
    Column(
        "status",
        "status",
        Kind.CHOICE,
        _("Status code (see allowed values)."),
        required=True,
        choices=Status,
    ),
    Column("startdatum", "start_date", Kind.DATE, _("Start date, YYYY-MM-DD.")),
    Column(
        "slutdatum", "end_date", Kind.DATE, _("End date, YYYY-MM-DD; empty while the work goes on.")
    ),
    Column(
        "bidrag_kr",
        "grant_amount",
        Kind.INTEGER,
        _("Amount of the state grant used, whole kronor (SEK)."),
    ),
    Column("total_budget_kr", "total_budget", Kind.INTEGER, _("Total budget, whole kronor (SEK).")),
    Column(
        "evidensniva",
        "evidence_level",
        Kind.CHOICE,
        _("Evidence level code (see allowed values)."),
        choices=ChosenEvidenceLevel,
    ),
    Column(
        "utvarderingstyp",
        "evaluation_kind",
        Kind.CHOICE,
        _("Kind of evaluation code (see allowed values)."),
        choices=EvaluationKind,
    ),
    Column(
        "inspirerat_kommuner",
        "inspired_municipalities",
        Kind.INTEGER,
        _(
            "Number of other municipalities that took the case up: a published case there names "
            "it as its inspiration, or names a case that did."
        ),
        importable=False,
    ),
    Column("kontaktperson", "contact_name", Kind.TEXT, _("Name of the contact person.")),
    # Imported, never published: readers write through the contact form instead.
    Column(
        "kontakt_epost",
        "contact_email",
        Kind.TEXT,
        _("Contact e-mail address (import only; never published)."),
        exported=False,
    ),
    Column("kontakt_telefon", "contact_phone", Kind.TEXT, _("Contact telephone number.")),
    Column(
        "kontaktformular",
        "contact_url",
        Kind.URL,
        _(
            "Address of the form that sends a message to the contact person; "
            "empty when the case cannot be contacted that way."
        ),
        importable=False,
    ),
    Column("url", "url", Kind.URL, _("Address of the published case page."), importable=False),
    Column(
        "publicerad",
        "first_published_at",
        Kind.DATETIME,
        _("When the case was first published (UTC)."),
        importable=False,
    ),
    Column(
        "senast_andrad",
        "last_published_at",
        Kind.DATETIME,
        _("When the published case was last changed (UTC)."),
        importable=False,
    ),
)

IMPORT_COLUMNS: tuple[Column, ...] = tuple(column for column in CASE_COLUMNS if column.importable)
EXPORT_COLUMNS: tuple[Column, ...] = tuple(column for column in CASE_COLUMNS if column.exported)
COLUMNS_BY_KEY = {column.key: column for column in CASE_COLUMNS}
