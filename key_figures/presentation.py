"""Key figures as a page shows them: formatted cells, sources and the demo label."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .indicators import BY_KEY, GROUP, NUMERIC, group_label


def cell(key: str, entry: dict) -> str:
    """A table cell: the population whole and grouped, every share with one decimal (22,5 % and
    23,0 %, so a column's decimals line up), '–' for a missing figure."""
    if key == GROUP:
        return group_label(entry["group"]) if entry["group"] else "–"
    value = entry["values"].get(key)
    if value is None:
        return "–"
    if key == "population":
        return number_format(round(value), 0, force_grouping=True)
    share = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return _("%(share)s %%") % {"share": number_format(share, 1)}


def row(entry: dict) -> dict:
    return {
        **entry,
        "cells": [cell(indicator.key, entry) for indicator in NUMERIC] + [cell(GROUP, entry)],
    }


# A number range such as '25–64': browsers may break a line after the en dash.
NUMBER_RANGE = re.compile(r"(?<=\d)–(?=\d)")
WORD_JOINER = "\u2060"


def unbroken_ranges(label: str) -> str:
    """'Upper-secondary education 25–64' with word joiners around the dash, so '25–64' never
    wraps as '25–' / '64'; the joiners are invisible and read as nothing."""
    return NUMBER_RANGE.sub(f"{WORD_JOINER}–{WORD_JOINER}", label)


def columns() -> list[str]:
    return [unbroken_ranges(str(indicator.label)) for indicator in NUMERIC]


def sources(entries: list[dict]) -> list[dict]:
    """Each indicator's source and the years shown for it."""
    shown = []
    for indicator in (*NUMERIC, BY_KEY[GROUP]):
        years = sorted({e["years"][indicator.key] for e in entries if indicator.key in e["years"]})
        if years:
            shown.append(
                {
                    "label": unbroken_ranges(str(indicator.label)),
                    "source": indicator.source,
                    "url": indicator.source_url,
                    "years": years,
                }
            )
    return shown
