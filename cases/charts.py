"""Chart geometry for the follow-up figures: pure functions from a Table to what inline SVG needs.

Charts are drawn on the server as SVG, so they need no script and no external host, print well
and scale with the page. Horizontal bars put each label on its own line above its bar: long
Swedish names ("Förebyggande arbete för barn och unga") then never squeeze the bars, and the
320-unit-wide drawing stays readable on a 320 px phone screen. Every chart has a text summary and
the table of the same numbers next to it; the SVG itself is one image to assistive technology.

Counties can also be drawn as a schematic tile map – one tile per county roughly where it lies,
the same idea as search/county_map.py (which cases/ may not import; see docs/architecture.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.numbers import sek

from .county_tiles import (
    SHADES,
    TILE_POSITIONS,
    map_size,
    shade_index,
    short_county_name,
    text_colour,
    tile_name,
    tile_origin,
)
from .figures import Row, Table, Unit

CHART_WIDTH = 320
LABEL_HEIGHT = 18  # one line of 14-unit text
BAR_HEIGHT = 16
ROW_GAP = 10
ROW_HEIGHT = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
VALUE_ROOM = 112  # right of the longest bar, for "100 000 000 kr"
MAX_BAR = CHART_WIDTH - VALUE_ROOM
BY_VALUE_DIMENSIONS = ("focus_area", "municipality")
# Ranked charts draw their leaders only: with every programme municipality a chart would run
# for screens; the table below each chart keeps every row.
MAX_RANKED_BARS = 10
MAX_LABEL_CHARACTERS = 42  # about what fits in 320 units at 14 units; the table has the full name

TILE_WIDTH, TILE_HEIGHT = 104, 48


def format_value(value: int | None, unit: Unit) -> str:
    """A value as the page shows it: '1 200 000 kr', '42 %', '1 234'; '–' for no value."""
    if value is None:
        return "–"
    if unit is Unit.SEK:
        return sek(value)
    if unit is Unit.PERCENT:
        return _("%(share)s %%") % {"share": number_format(value, 0)}
    if unit is Unit.COUNT:
        return number_format(value, 0, force_grouping=True)
    return str(value)


def format_compact(value: int | None, unit: Unit) -> str:
    """Like format_value, but millions of kronor shortened to fit a map tile: '28,3 mnkr'."""
    if unit is Unit.SEK and value is not None and value >= 1_000_000:
        return _("%(amount)s million SEK") % {"amount": number_format(value / 1_000_000, 1)}
    return format_value(value, unit)


def _short_label(label: str) -> str:
    if len(label) <= MAX_LABEL_CHARACTERS:
        return label
    return label[: MAX_LABEL_CHARACTERS - 1].rstrip() + "…"


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    label_y: int  # baseline of the label
    bar_y: int
    width: int
    value_x: int
    value_y: int  # baseline of the value text


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bar_height: int
    bars: tuple[Bar, ...]
    left_out: int = 0  # rows only the table shows


def _charted(table: Table, row: Row) -> int:
    return row.values[table.chart_column] or 0


def bar_chart(table: Table) -> BarChart:
    """Horizontal bars of the table's chart column, one per row, longest = largest value.

    Categories without an order of their own (focus areas, municipalities) are drawn largest
    first, which is what a reader compares; years, statuses and counties keep the table's order.
    """
    column = table.columns[table.chart_column]
    largest = (
        100
        if column.unit is Unit.PERCENT
        else max((_charted(table, row) for row in table.rows), default=0)
    )
    rows = table.rows
    if table.dimension in BY_VALUE_DIMENSIONS:
        rows = sorted(rows, key=lambda row: -_charted(table, row))[:MAX_RANKED_BARS]
    bars = []
    for index, row in enumerate(rows):
        top = index * ROW_HEIGHT
        value = _charted(table, row)
        width = round(MAX_BAR * value / largest) if largest else 0
        if value and width < 2:
            width = 2  # a small value must still show as a bar, unlike zero
        bars.append(
            Bar(
                label=_short_label(row.label),
                value_text=format_value(row.values[table.chart_column], column.unit),
                label_y=top + LABEL_HEIGHT - 5,
                bar_y=top + LABEL_HEIGHT,
                width=width,
                value_x=width + 6,
                value_y=top + LABEL_HEIGHT + BAR_HEIGHT - 3,
            )
        )
    return BarChart(
        width=CHART_WIDTH,
        height=max(len(bars) * ROW_HEIGHT - ROW_GAP, 1),
        bar_height=BAR_HEIGHT,
        bars=tuple(bars),
        left_out=len(table.rows) - len(bars),
    )


@dataclass(frozen=True)
class Tile:
    code: str
    name: str
    short_name: str
    value_text: str
    x: int
    y: int
    fill: str
    text_colour: str
    column: int = 0
    row: int = 0
    shade: int = 0

    @property
    def display_name(self) -> str:
        return tile_name(self.name)


@dataclass(frozen=True)
class CountyMap:
    width: int
    height: int
    tile_width: int
    tile_height: int
    tiles: tuple[Tile, ...]


def shows_county_map(table: Table) -> bool:
    """A map only makes sense with every county in the table (not when one is filtered)."""
    return table.dimension == "county" and len(table.rows) == len(TILE_POSITIONS)


def county_map(table: Table) -> CountyMap:
    """One shaded tile per county: darker for more, the value written in the tile."""
    column = table.columns[table.chart_column]
    values = {row.code: _charted(table, row) for row in table.rows}
    names = {row.code: row.label for row in table.rows}
    highest = max(values.values(), default=0)
    tiles = []
    for code, (column_index, row_index) in TILE_POSITIONS.items():
        value = values.get(code, 0)
        shade = shade_index(value, highest)
        x, y = tile_origin(column_index, row_index, TILE_WIDTH, TILE_HEIGHT)
        tiles.append(
            Tile(
                code=code,
                name=names.get(code, code),
                short_name=short_county_name(names.get(code, code)),
                value_text=format_compact(value, column.unit),
                x=x,
                y=y,
                fill=SHADES[shade],
                text_colour=text_colour(shade),
                column=column_index,
                row=row_index,
                shade=shade,
            )
        )
    width, height = map_size(TILE_WIDTH, TILE_HEIGHT)
    return CountyMap(
        width=width,
        height=height,
        tile_width=TILE_WIDTH,
        tile_height=TILE_HEIGHT,
        tiles=tuple(tiles),
    )


def summary(table: Table) -> str:
    """The chart in one or two sentences: its text alternative, also shown under it."""
    column = table.columns[table.chart_column]
    total = format_value(table.total.values[table.chart_column], column.unit)
    values = [_charted(table, row) for row in table.rows]
    if not any(values):
        return _("%(column)s: nothing for these filters.") % {"column": column.label}
    highest = max(values)
    leaders = [row.label for row, value in zip(table.rows, values, strict=True) if value == highest]
    text = _("%(column)s – highest: %(labels)s (%(value)s).") % {
        "column": column.label,
        "labels": ", ".join(leaders[:3]) + ("…" if len(leaders) > 3 else ""),
        "value": format_value(highest, column.unit),
    }
    if column.unit is not Unit.PERCENT or not table.rows_add_up:  # else the total is 100 %
        text += " " + _("Total: %(total)s.") % {"total": total}
    if not table.rows_add_up:
        text += " " + _("A case can count in several rows.")
    zeros = values.count(0)
    if zeros:
        text += " " + _("%(count)d of %(rows)d rows are 0.") % {"count": zeros, "rows": len(values)}
    return text
