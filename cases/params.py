"""Numbers from URLs and query strings: the one parser every public route uses.

Python's int() accepts any Unicode decimal digit ("٣"), surrounding whitespace, underscores and a
sign, and str.isdigit() also accepts superscripts ("²") that int() then refuses – so checking with
one and converting with the other turned hand-edited links into server errors. Here a number is
1–18 ASCII digits and nothing else, and it must lie within the bounds the caller gives. Anything
else is None, and the caller decides what None means (first page, ignored filter, 404).

Leaf module: imports nothing from the project, so search/ and cms/ may use it too.
"""

from __future__ import annotations

import re
from datetime import date

# 18 digits always fit a signed 64-bit integer; longer input is never a useful number here.
_DIGITS = re.compile(r"[0-9]{1,18}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Page ids and other primary keys are 32-bit integers in PostgreSQL (AutoField).
MAX_ID = 2_147_483_647


def parse_int(raw: object, *, low: int, high: int, clamp: bool = False) -> int | None:
    """An int within [low, high] from untrusted input, or None.

    `raw` is a string (a query-string value, a path segment) or an int from code. Leading and
    trailing ASCII spaces are ignored; a sign, a decimal point, non-ASCII digits or more than 18
    digits make it "not a number". With clamp=True a number outside the bounds is moved to the
    nearest bound instead of refused (pages past the end, years before the first).
    """
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        number = raw
    elif isinstance(raw, str):
        text = raw.strip(" \t")
        if not _DIGITS.fullmatch(text):
            return None
        number = int(text)
    else:
        return None
    if low <= number <= high:
        return number
    if clamp:
        return max(low, min(high, number))
    return None


def parse_id(raw: object) -> int | None:
    """A database id (1 … MAX_ID) from a path segment or parameter, or None."""
    return parse_int(raw, low=1, high=MAX_ID)


def parse_date(raw: object, *, earliest: date, latest: date) -> date | None:
    """A date YYYY-MM-DD (ASCII digits) within [earliest, latest] from untrusted input, or None."""
    if not isinstance(raw, str) or not _DATE.fullmatch(raw.strip(" \t")):
        return None
    try:
        day = date.fromisoformat(raw.strip(" \t"))
    except ValueError:  # 2026-02-30
        return None
    return day if earliest <= day <= latest else None


class IdConverter:
    """Path converter `<id:name>`: ASCII digits within the id range, else the URL does not match
    (404) – unlike Django's `<int:>`, which passes 30-digit numbers on to the database."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(value)  # the resolver treats this as "no match"
        return number

    def to_url(self, value: int) -> str:
        return str(value)
