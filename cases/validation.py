"""Pure validation rules for case data, shared by the page editor, model clean() and imports.

Each function returns a dict of field name to Swedish-translatable messages; an empty dict means
valid. Keeping the rules free of Django forms lets the import pipeline report row-level errors with
the same wording an editor sees.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from .choices import ImplementationStatus, Status

MAX_FOCUS_AREAS = 3
MAX_TARGET_GROUPS = 3
MIN_FOCUS_AREAS = 1
EARLIEST_YEAR = 2000
LATEST_YEAR = 2100

Errors = dict[str, list[str]]


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def validate_period(start: date | None, end: date | None) -> Errors:
    errors: Errors = {}
    if start and end and end < start:
        _add(errors, "end_date", _("The end date cannot be before the start date."))
    return errors


def validate_amounts(grant_amount: int | None, total_budget: int | None) -> Errors:
    errors: Errors = {}
    if grant_amount is not None and grant_amount < 0:
        _add(errors, "grant_amount", _("The grant amount cannot be negative."))
    if total_budget is not None and total_budget < 0:
        _add(errors, "total_budget", _("The total budget cannot be negative."))
    if (
        grant_amount is not None
        and total_budget is not None
        and grant_amount >= 0
        and total_budget >= 0
        and grant_amount > total_budget
    ):
        _add(
            errors,
            "total_budget",
            _("The total budget must be at least the grant amount, since the grant is part of it."),
        )
    return errors


def validate_status_dates(status: str, start: date | None, end: date | None) -> Errors:
    errors: Errors = {}
    if status != Status.PLANNED and start is None:
        _add(errors, "start_date", _("Give a start date for an initiative that has started."))
    if status == Status.COMPLETED and end is None:
        _add(errors, "end_date", _("Give an end date for a completed initiative."))
    return errors


def validate_focus_area_count(count: int) -> Errors:
    errors: Errors = {}
    if count < MIN_FOCUS_AREAS:
        _add(errors, "themes", _("Choose at least one focus area."))
    elif count > MAX_FOCUS_AREAS:
        _add(
            errors,
            "themes",
            _("Choose at most %(max)d focus areas; pick the ones that matter most.")
            % {"max": MAX_FOCUS_AREAS},
        )
    return errors


def validate_target_group_count(count: int) -> Errors:
    errors: Errors = {}
    if count > MAX_TARGET_GROUPS:
        _add(
            errors,
            "target_groups",
            _("Choose at most %(max)d target groups: the ones the initiative is mainly for.")
            % {"max": MAX_TARGET_GROUPS},
        )
    return errors


def validate_year(year: int | None, field: str = "year") -> Errors:
    errors: Errors = {}
    if year is not None and not EARLIEST_YEAR <= year <= LATEST_YEAR:
        _add(
            errors,
            field,
            _("Give a year between %(first)d and %(last)d.")
            % {"first": EARLIEST_YEAR, "last": LATEST_YEAR},
        )
    return errors


def validate_follow_up(status_change: str, discontinued_reason: str) -> Errors:
    errors: Errors = {}
    if status_change == Status.DISCONTINUED and not discontinued_reason.strip():
        _add(
            errors,
            "discontinued_reason",
            _("Say why the initiative was discontinued; others learn most from that."),
        )
    return errors


def validate_implementation(status: str, reason: str, *, new: bool) -> Errors:
    """A new follow-up says how far the work has come; "ended early" says why. Follow-ups written
    before the scale existed may leave it blank."""
    errors: Errors = {}
    if new and not status:
        _add(errors, "implementation_status", _("Choose how far the initiative has come."))
    if status == ImplementationStatus.ENDED_EARLY and not reason.strip():
        _add(
            errors,
            "discontinued_reason",
            _("Say why the initiative ended early; others learn most from that."),
        )
    return errors


def merge(*results: Errors) -> Errors:
    merged: Errors = {}
    for result in results:
        for field, messages in result.items():
            merged.setdefault(field, []).extend(messages)
    return merged
