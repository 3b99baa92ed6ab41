"""Key figures as a page shows them: formatted cells, sources and the demo label."""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format

from core.numbers import format_measure

from .indicators import BY_KEY, GROUP, NUMERIC, group_label


def cell(key: str, entry: dict) -> str:
    if key == GROUP:
        return group_label(entry["group"]) if entry["group"] else "–"
    value = entry["values"].get(key)
    if value is None:
        return "–"
    if key == "population":
        return number_format(round(value), 0, force_grouping=True)
    return f"{format_measure(Decimal(str(value)).quantize(Decimal('0.1')))} %"


def row(entry: dict) -> dict:
    return {
        **entry,
        "cells": [cell(indicator.key, entry) for indicator in NUMERIC] + [cell(GROUP, entry)],
    }


def columns() -> list[str]:
    return [str(indicator.label) for indicator in NUMERIC]


def sources(entries: list[dict]) -> list[dict]:
    """Each indicator's source and the years shown for it."""
    shown = []
    for indicator in (*NUMERIC, BY_KEY[GROUP]):
        years = sorted({e["years"][indicator.key] for e in entries if indicator.key in e["years"]})
        if years:
            shown.append(
                {
                    "label": indicator.label,
                    "source": indicator.source,
                    "url": indicator.source_url,
                    "years": years,
                }
            )
    return shown
