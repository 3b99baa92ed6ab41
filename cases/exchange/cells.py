"""Turning cell values into text and back, safely for spreadsheet programs.

A cell that starts with =, +, - or @ is run as a formula by Excel and LibreOffice ("CSV
injection"), so exported text cells that start that way get a leading apostrophe, which the
spreadsheet hides and imports remove again.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from .columns import LIST_SEPARATOR, Kind

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def restore_formula(text: str) -> str:
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def iso(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return value.isoformat()


def as_text(value, kind: Kind) -> str:
    """The value as one spreadsheet cell of text (CSV)."""
    if value is None:
        return ""
    if kind is Kind.LIST:
        return neutralise_formula(LIST_SEPARATOR.join(value))
    if kind in (Kind.DATE, Kind.DATETIME):
        return iso(value)
    if kind is Kind.BOOLEAN:
        return "ja" if value else "nej"
    if kind in (Kind.TEXT, Kind.URL, Kind.CHOICE):
        return neutralise_formula(str(value))
    return str(value)


def as_json(value, kind: Kind):
    """The value as JSON: numbers stay numbers, lists stay arrays, dates become ISO 8601."""
    if value is None:
        return [] if kind is Kind.LIST else None
    if kind in (Kind.DATE, Kind.DATETIME):
        return iso(value)
    if kind is Kind.LIST:
        return list(value)
    return value
