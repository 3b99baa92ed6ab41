"""Checking every row of an import before anything is written.

`validate_rows(table, context)` is pure: it turns the rows read from a file into an ImportReport
that holds, per row, either the case dictionary the case builder takes (cases/case_builder.py) or
the errors, each with its column key and a message that names the offending value. The rules an
editor meets in the page form come from cases/validation.py, so the wording is the same. What the
rows are checked against – municipalities, focus areas, target groups, keywords, the cases that
already exist – is loaded once by `ImportContext.load()`, never per row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import TextChoices
from django.utils import translation
from django.utils.translation import gettext as _

from cases.choices import EvaluationKind, EvidenceLevel
from cases.validation import (
    merge,
    validate_amounts,
    validate_focus_area_count,
    validate_period,
    validate_status_dates,
)

from .columns import COLUMNS_BY_KEY, IMPORT_COLUMNS
from .reading import SourceRow, Table
from .template import EXAMPLE_ROW

MAX_LENGTHS = {
    "titel": 255,
    "sammanfattning": 600,
    "kontaktperson": 150,
    "kontakt_epost": 254,
    "kontakt_telefon": 40,
}
MAX_KEYWORD_LENGTH = 100
# No grant or budget comes near this; a bigger number is a typing error (and would overflow).
MAX_AMOUNT = 10**13
LIST_SPLIT = re.compile(r"[;\n]")
DATE_TEXT = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T]00:00(?::00)?)?")
AMOUNT_SUFFIX = re.compile(r"\s*(?:kr|kronor|sek)\.?$", re.IGNORECASE)
THOUSANDS_SPACES = re.compile(r"[\s\u00a0\u202f]")

COLUMN_ORDER = {column.key: position for position, column in enumerate(IMPORT_COLUMNS)}
# Field names used by cases/validation.py -> the import column they come from.
FIELD_COLUMNS = {
    "themes": "fokusomraden",
    "status": "status",
    "start_date": "startdatum",
    "end_date": "slutdatum",
    "grant_amount": "bidrag_kr",
    "total_budget": "total_budget_kr",
}


class RowState(StrEnum):
    VALID = "valid"
    INVALID = "invalid"
    DUPLICATE = "duplicate"  # the case is already on the platform: skipped, not an error


@dataclass(frozen=True)
class RowError:
    column: str  # a column key; empty for the row as a whole
    message: str


@dataclass
class RowResult:
    number: int
    title: str
    municipality_code: str
    spec: dict | None = None
    errors: list[RowError] = field(default_factory=list)
    duplicate: str = ""  # why the row is skipped

    @property
    def state(self) -> RowState:
        if self.errors:
            return RowState.INVALID
        if self.duplicate:
            return RowState.DUPLICATE
        return RowState.VALID


@dataclass
class ImportReport:
    rows: list[RowResult] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def _in(self, state: RowState) -> list[RowResult]:
        return [row for row in self.rows if row.state is state]

    @property
    def valid(self) -> list[RowResult]:
        return self._in(RowState.VALID)

    @property
    def invalid(self) -> list[RowResult]:
        return self._in(RowState.INVALID)

    @property
    def duplicates(self) -> list[RowResult]:
        return self._in(RowState.DUPLICATE)

    @property
    def can_import(self) -> bool:
        return not self.file_errors and bool(self.valid)


def case_key(municipality_code: str, title: str) -> tuple[str, str]:
    """What makes two cases the same: municipality and title, ignoring case and spacing."""
    return municipality_code, " ".join(title.split()).casefold()


def choice_lookup(choices: type[TextChoices]) -> dict[str, str]:
    """Stored code by code, Swedish label or English label, case-insensitive."""
    lookup = {}
    for language in ("en", "sv"):
        with translation.override(language):
            for value, label in choices.choices:
                lookup[str(label).casefold()] = value
    lookup.update({value.casefold(): value for value in choices.values})
    return lookup


@dataclass
class ImportContext:
    """Everything rows are checked against, loaded in a handful of queries."""

    municipality_names: dict[str, str]  # code -> name, all 290
    participating: set[str]  # codes of municipalities with a municipality page
    themes: dict[str, str]  # casefolded slug or name -> slug
    target_groups: dict[str, str]
    keywords: dict[str, str]  # casefolded name -> name as stored
    existing: dict[tuple[str, str], str]  # case_key -> title as stored
    choices: dict[str, dict[str, str]]  # column key -> choice_lookup

    @classmethod
    def load(cls) -> ImportContext:
        from cases.models import CaseStudyPage, Municipality, MunicipalityPage
        from themes.models import Keyword, TargetGroup, Theme

        existing = {}
        for code, title, draft_title in CaseStudyPage.objects.values_list(
            "municipality__code", "title", "draft_title"
        ):
            for name in {title, draft_title} - {""}:
                existing[case_key(code, name)] = name
        return cls(
            municipality_names=dict(Municipality.objects.values_list("code", "name")),
            participating=set(
                MunicipalityPage.objects.values_list("municipality__code", flat=True)
            ),
            themes=_vocabulary(Theme.objects.values_list("slug", "name")),
            target_groups=_vocabulary(TargetGroup.objects.values_list("slug", "name")),
            keywords={
                name.casefold(): name for name in Keyword.objects.values_list("name", flat=True)
            },
            existing=existing,
            choices={
                column.key: choice_lookup(column.choices)
                for column in IMPORT_COLUMNS
                if column.choices
            },
        )


def _vocabulary(pairs) -> dict[str, str]:
    lookup = {}
    for slug, name in pairs:
        lookup[name.casefold()] = slug
        lookup[slug.casefold()] = slug
    return lookup


def validate_rows(table: Table, context: ImportContext) -> ImportReport:
    report = ImportReport(file_errors=list(table.errors), warnings=list(table.warnings))
    first_row_of: dict[tuple[str, str], int] = {}
    for source in table.rows:
        result = validate_row(source, context)
        if result.spec is not None:
            key = case_key(result.municipality_code, result.title)
            if key in first_row_of:
                result.errors.append(
                    RowError(
                        "titel",
                        _(
                            "Same municipality and title as row %(row)d; "
                            "each case can be imported only once."
                        )
                        % {"row": first_row_of[key]},
                    )
                )
                result.spec = None
            else:
                first_row_of[key] = source.number
        report.rows.append(result)
    return report


def validate_row(source: SourceRow, context: ImportContext) -> RowResult:
    values = {column.key: source.values.get(column.key, "") for column in IMPORT_COLUMNS}
    parser = _RowParser(values, context)
    spec = parser.parse()
    result = RowResult(
        number=source.number,
        title=values["titel"],
        municipality_code=parser.municipality_code,
        errors=parser.errors,
    )
    if source.extra_cells:
        result.errors.append(
            RowError(
                "",
                _(
                    "The row has text to the right of the last column heading. "
                    "Check that no cell has shifted."
                ),
            )
        )
    if result.errors:
        result.errors.sort(key=lambda error: COLUMN_ORDER.get(error.column, -1))
        return result
    stored_title = context.existing.get(case_key(parser.municipality_code, values["titel"]))
    if stored_title is not None:
        result.duplicate = _(
            "%(municipality)s already has a case titled “%(title)s”, so this row is skipped."
        ) % {
            "municipality": context.municipality_names[parser.municipality_code],
            "title": stored_title,
        }
        return result
    result.spec = spec
    return result


class _RowParser:
    """Parses one row's cells, collecting every error rather than stopping at the first."""

    def __init__(self, values: dict[str, str], context: ImportContext):
        self.values, self.context = values, context
        self.errors: list[RowError] = []
        self.municipality_code = ""

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(column, message))

    def parse(self) -> dict:
        for column in IMPORT_COLUMNS:
            if column.required and not self.values[column.key]:
                self.error(
                    column.key,
                    _("“%(column)s” is required but empty.") % {"column": column.key},
                )
        self.municipality_code = self.municipality()
        for key, limit in MAX_LENGTHS.items():
            self.max_length(key, limit)
        if self.values["titel"] == EXAMPLE_ROW["titel"]:
            self.error(
                "titel", _("This is the template's example row; delete it before importing.")
            )
        themes = self.vocabulary("fokusomraden", self.context.themes, _unknown_focus_area)
        target_groups = self.vocabulary("malgrupper", self.context.target_groups, _unknown_group)
        keywords = self.keywords()
        status = self.choice("status")
        evidence_level = self.choice("evidensniva") or EvidenceLevel.NOT_EVALUATED
        evaluation_kind = self.choice("utvarderingstyp") or EvaluationKind.NONE
        start, end = self.date("startdatum"), self.date("slutdatum")
        grant, budget = self.amount("bidrag_kr"), self.amount("total_budget_kr")
        self.email("kontakt_epost")

        rules = [validate_period(start, end), validate_amounts(grant, budget)]
        if self.values["fokusomraden"] and themes is not None:
            rules.append(validate_focus_area_count(len(themes)))
        if status:
            # A date that is there but unreadable already has its error; not "give a date" too.
            start_given = start or (date.min if self.values["startdatum"] else None)
            end_given = end or (date.max if self.values["slutdatum"] else None)
            rules.append(validate_status_dates(status, start_given, end_given))
        for field_name, messages in merge(*rules).items():
            for message in messages:
                self.error(FIELD_COLUMNS[field_name], message)

        return {
            "municipality": self.municipality_code,
            "title": self.values["titel"],
            "summary": self.values["sammanfattning"],
            "themes": themes or [],
            "keywords": keywords,
            "target_groups": target_groups or [],
            "status": status,
            "start_date": start.isoformat() if start else None,
            "end_date": end.isoformat() if end else None,
            "grant_amount": grant,
            "total_budget": budget,
            "evidence_level": evidence_level,
            "evaluation_kind": evaluation_kind,
            "contact": {
                "name": self.values["kontaktperson"],
                "email": self.values["kontakt_epost"],
                "phone": self.values["kontakt_telefon"],
            },
        }

    def municipality(self) -> str:
        code = self.values["kommunkod"]
        if not code:
            return ""
        if code.isdigit() and len(code) == 3:  # Excel drops the leading zero of 0114
            code = "0" + code
        if code not in self.context.municipality_names:
            self.error(
                "kommunkod",
                _(
                    "There is no municipality with code “%(value)s”. Use the four-digit code "
                    "from Statistics Sweden (SCB), e.g. 1782 for Filipstad."
                )
                % {"value": self.values["kommunkod"]},
            )
            return ""
        if code not in self.context.participating:
            self.error(
                "kommunkod",
                _(
                    "%(municipality)s (%(code)s) does not take part in Kunskapsbanken yet, so "
                    "cases cannot be imported for it. An administrator can add it with "
                    "“manage.py add_municipality %(code)s”."
                )
                % {"municipality": self.context.municipality_names[code], "code": code},
            )
        return code

    def max_length(self, key: str, limit: int) -> None:
        length = len(self.values[key])
        if length > limit:
            self.error(
                key,
                _("The text is %(length)d characters long; at most %(max)d are allowed.")
                % {"length": length, "max": limit},
            )

    def items(self, key: str) -> list[str]:
        text = self.values[key]
        parts = LIST_SPLIT.split(text) if LIST_SPLIT.search(text) else text.split(",")
        unique: dict[str, str] = {}
        for part in (part.strip() for part in parts):
            if part:
                unique.setdefault(part.casefold(), part)
        return list(unique.values())

    def vocabulary(self, key: str, lookup: dict[str, str], unknown) -> list[str] | None:
        slugs, failed = [], False
        for item in self.items(key):
            slug = lookup.get(item.casefold())
            if slug is None:
                self.error(key, unknown(item, lookup))
                failed = True
            elif slug not in slugs:
                slugs.append(slug)
        return None if failed else slugs

    def keywords(self) -> list[str]:
        names = []
        for item in self.items("nyckelord"):
            if len(item) > MAX_KEYWORD_LENGTH:
                self.error(
                    "nyckelord",
                    _("The keyword “%(value)s” is longer than %(max)d characters.")
                    % {"value": item, "max": MAX_KEYWORD_LENGTH},
                )
            else:
                names.append(self.context.keywords.get(item.casefold(), item))
        return names

    def choice(self, key: str) -> str:
        text = self.values[key]
        if not text:
            return ""
        value = self.context.choices[key].get(" ".join(text.split()).casefold())
        if value is None:
            self.error(
                key,
                _("Unknown value “%(value)s”. Allowed: %(allowed)s.")
                % {"value": text, "allowed": _allowed_choices(COLUMNS_BY_KEY[key].choices)},
            )
            return ""
        return value

    def date(self, key: str) -> date | None:
        text = self.values[key]
        if not text:
            return None
        match = DATE_TEXT.fullmatch(text)
        try:
            if match is None:
                raise ValueError(text)
            return date.fromisoformat(match.group(1))
        except ValueError:
            self.error(
                key,
                _("“%(value)s” is not a date. Write it as YYYY-MM-DD, e.g. 2024-08-15.")
                % {"value": text},
            )
            return None

    def amount(self, key: str) -> int | None:
        text = self.values[key]
        if not text:
            return None
        digits = THOUSANDS_SPACES.sub("", AMOUNT_SUFFIX.sub("", text))
        if not re.fullmatch(r"-?\d+", digits):
            self.error(
                key,
                _(
                    "“%(value)s” is not a whole number of kronor. "
                    "Write e.g. 2100000 or 2 100 000, without decimals."
                )
                % {"value": text},
            )
            return None
        amount = int(digits)
        if abs(amount) >= MAX_AMOUNT:
            self.error(
                key,
                _("“%(value)s” is far larger than any grant or budget; check the number.")
                % {"value": text},
            )
            return None
        return amount

    def email(self, key: str) -> None:
        text = self.values[key]
        if not text:
            return
        try:
            validate_email(text)
        except ValidationError:
            self.error(key, _("“%(value)s” is not an e-mail address.") % {"value": text})


def _allowed_choices(choices: type[TextChoices]) -> str:
    return ", ".join(f"{value} ({label})" for value, label in choices.choices)


def _unknown_focus_area(value: str, lookup: dict[str, str]) -> str:
    return _("Unknown focus area “%(value)s”. Allowed: %(allowed)s.") % {
        "value": value,
        "allowed": ", ".join(sorted(set(lookup.values()))),
    }


def _unknown_group(value: str, lookup: dict[str, str]) -> str:
    return _("Unknown target group “%(value)s”. Allowed: %(allowed)s.") % {
        "value": value,
        "allowed": ", ".join(sorted(set(lookup.values()))),
    }
