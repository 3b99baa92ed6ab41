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
from functools import cache

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

from .columns import COLUMNS_BY_KEY, IMPORT_COLUMNS, Kind
from .reading import SourceRow, Table
from .template import EXAMPLE_ROW

# No grant or budget comes near this; a bigger number is a typing error (and would overflow).
MAX_AMOUNT = 10**13
LIST_SPLIT = re.compile(r"[;\n]")
DATE_TEXT = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T]00:00(?::00)?)?")
AMOUNT_SUFFIX = re.compile(r"\s*(?:kr|kronor|sek)\.?$", re.IGNORECASE)
THOUSANDS_SPACES = re.compile(r"[\s\u00a0\u202f]")

COLUMN_ORDER = {column.key: position for position, column in enumerate(IMPORT_COLUMNS)}
# Field names used by cases/validation.py -> the import column they come from.
COLUMN_OF_FIELD = {column.field: column.key for column in IMPORT_COLUMNS}


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
    parsed = parse_row(values, context)
    result = RowResult(
        number=source.number,
        title=values["titel"],
        municipality_code=parsed.municipality_code,
        errors=list(parsed.errors),
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
    stored_title = context.existing.get(case_key(parsed.municipality_code, values["titel"]))
    if stored_title is not None:
        result.duplicate = _(
            "%(municipality)s already has a case titled “%(title)s”, so this row is skipped."
        ) % {
            "municipality": context.municipality_names[parsed.municipality_code],
            "title": stored_title,
        }
        return result
    result.spec = parsed.spec
    return result


@dataclass(frozen=True)
class ParsedRow:
    spec: dict  # in the shape the case builder takes; only meaningful without errors
    municipality_code: str  # "" when the code is missing or unknown
    errors: tuple[RowError, ...]


# Each parse_* function returns a cell's value and the messages about it (empty when fine).


def parse_row(values: dict[str, str], context: ImportContext) -> ParsedRow:
    """Parses one row's cells, collecting every error rather than stopping at the first."""
    errors: list[RowError] = []

    def take(key: str, cell: tuple):
        value, messages = cell
        errors.extend(RowError(key, message) for message in messages)
        return value

    for column in IMPORT_COLUMNS:
        if column.required and not values[column.key]:
            errors.append(
                RowError(
                    column.key,
                    _("“%(column)s” is required but empty.") % {"column": column.key},
                )
            )
    municipality_code = take("kommunkod", parse_municipality(values["kommunkod"], context))
    for key, limit in text_limits().items():
        take(key, (None, check_length(values[key], limit)))
    if values["titel"] == EXAMPLE_ROW["titel"]:
        errors.append(
            RowError("titel", _("This is the template's example row; delete it before importing."))
        )
    themes = take(
        "fokusomraden",
        parse_vocabulary(values["fokusomraden"], context.themes, _unknown_focus_area),
    )
    target_groups = take(
        "malgrupper",
        parse_vocabulary(values["malgrupper"], context.target_groups, _unknown_group),
    )
    keywords = take("nyckelord", parse_keywords(values["nyckelord"], context))
    status = take("status", parse_choice("status", values["status"], context))
    evidence_level = (
        take("evidensniva", parse_choice("evidensniva", values["evidensniva"], context))
        or EvidenceLevel.NOT_EVALUATED
    )
    evaluation_kind = (
        take("utvarderingstyp", parse_choice("utvarderingstyp", values["utvarderingstyp"], context))
        or EvaluationKind.NONE
    )
    start = take("startdatum", parse_date(values["startdatum"]))
    end = take("slutdatum", parse_date(values["slutdatum"]))
    grant = take("bidrag_kr", parse_amount(values["bidrag_kr"]))
    budget = take("total_budget_kr", parse_amount(values["total_budget_kr"]))
    take("kontakt_epost", (None, check_email(values["kontakt_epost"])))

    rules = [validate_period(start, end), validate_amounts(grant, budget)]
    if values["fokusomraden"] and themes is not None:
        rules.append(validate_focus_area_count(len(themes)))
    if status:
        # A date that is there but unreadable already has its error; not "give a date" too.
        start_given = start or (date.min if values["startdatum"] else None)
        end_given = end or (date.max if values["slutdatum"] else None)
        rules.append(validate_status_dates(status, start_given, end_given))
    for field_name, messages in merge(*rules).items():
        errors.extend(RowError(COLUMN_OF_FIELD[field_name], message) for message in messages)

    spec = {
        "municipality": municipality_code,
        "title": values["titel"],
        "summary": values["sammanfattning"],
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
            "name": values["kontaktperson"],
            "email": values["kontakt_epost"],
            "phone": values["kontakt_telefon"],
        },
    }
    return ParsedRow(spec, municipality_code, tuple(errors))


@cache
def text_limits() -> dict[str, int]:
    """Column key -> the max_length of the model field it fills, read from the model."""
    from cases.models import CaseStudyPage

    limits = {}
    for column in IMPORT_COLUMNS:
        model_field = CaseStudyPage._meta.get_field(column.field)
        if column.kind is Kind.TEXT and not model_field.is_relation and model_field.max_length:
            limits[column.key] = model_field.max_length
    return limits


@cache
def keyword_max_length() -> int:
    from themes.models import Keyword

    return Keyword._meta.get_field("name").max_length


def parse_municipality(text: str, context: ImportContext) -> tuple[str, list[str]]:
    if not text:
        return "", []
    code = "0" + text if text.isdigit() and len(text) == 3 else text  # Excel drops 0114's 0
    if code not in context.municipality_names:
        return "", [
            _(
                "There is no municipality with code “%(value)s”. Use the four-digit code "
                "from Statistics Sweden (SCB), e.g. 1782 for Filipstad."
            )
            % {"value": text}
        ]
    if code not in context.participating:
        return code, [
            _(
                "%(municipality)s (%(code)s) does not take part in Kunskapsbanken yet, so "
                "cases cannot be imported for it. An administrator can add it with "
                "“manage.py add_municipality %(code)s”."
            )
            % {"municipality": context.municipality_names[code], "code": code}
        ]
    return code, []


def check_length(text: str, limit: int) -> list[str]:
    if len(text) <= limit:
        return []
    return [
        _("The text is %(length)d characters long; at most %(max)d are allowed.")
        % {"length": len(text), "max": limit}
    ]


def split_items(text: str) -> list[str]:
    parts = LIST_SPLIT.split(text) if LIST_SPLIT.search(text) else text.split(",")
    unique: dict[str, str] = {}
    for part in (part.strip() for part in parts):
        if part:
            unique.setdefault(part.casefold(), part)
    return list(unique.values())


def parse_vocabulary(
    text: str, lookup: dict[str, str], unknown
) -> tuple[list[str] | None, list[str]]:
    """The slugs named in the cell, or None when any of them is unknown."""
    slugs, messages = [], []
    for item in split_items(text):
        slug = lookup.get(item.casefold())
        if slug is None:
            messages.append(unknown(item, lookup))
        elif slug not in slugs:
            slugs.append(slug)
    return (None if messages else slugs), messages


def parse_keywords(text: str, context: ImportContext) -> tuple[list[str], list[str]]:
    names, messages = [], []
    limit = keyword_max_length()
    for item in split_items(text):
        if len(item) > limit:
            messages.append(
                _("The keyword “%(value)s” is longer than %(max)d characters.")
                % {"value": item, "max": limit}
            )
        else:
            names.append(context.keywords.get(item.casefold(), item))
    return names, messages


def parse_choice(key: str, text: str, context: ImportContext) -> tuple[str, list[str]]:
    if not text:
        return "", []
    value = context.choices[key].get(" ".join(text.split()).casefold())
    if value is None:
        return "", [
            _("Unknown value “%(value)s”. Allowed: %(allowed)s.")
            % {"value": text, "allowed": _allowed_choices(COLUMNS_BY_KEY[key].choices)}
        ]
    return value, []


def parse_date(text: str) -> tuple[date | None, list[str]]:
    if not text:
        return None, []
    match = DATE_TEXT.fullmatch(text)
    try:
        if match is None:
            raise ValueError(text)
        return date.fromisoformat(match.group(1)), []
    except ValueError:
        return None, [
            _("“%(value)s” is not a date. Write it as YYYY-MM-DD, e.g. 2024-08-15.")
            % {"value": text}
        ]


def parse_amount(text: str) -> tuple[int | None, list[str]]:
    if not text:
        return None, []
    digits = THOUSANDS_SPACES.sub("", AMOUNT_SUFFIX.sub("", text))
    if not re.fullmatch(r"-?\d+", digits):
        return None, [
            _(
                "“%(value)s” is not a whole number of kronor. "
                "Write e.g. 2100000 or 2 100 000, without decimals."
            )
            % {"value": text}
        ]
    amount = int(digits)
    if abs(amount) >= MAX_AMOUNT:
        return None, [
            _("“%(value)s” is far larger than any grant or budget; check the number.")
            % {"value": text}
        ]
    return amount, []


def check_email(text: str) -> list[str]:
    if not text:
        return []
    try:
        validate_email(text)
    except ValidationError:
        return [_("“%(value)s” is not an e-mail address.") % {"value": text}]
    return []


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
