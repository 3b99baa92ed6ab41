"""A schematic map of Sweden's 21 counties for the search page: one tile per county, placed
roughly where the county lies (north at the top), shaded by how many cases the current search
finds there, each a link that filters by that county.

A tile map rather than county borders: it needs no geodata, every county – Gotland as much as
Norrbotten – gets a tile big enough to read and click, and the county facet beside it remains the
list-shaped equivalent for screen readers and keyboards.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.utils.translation import ngettext

from cases.county_tiles import (
    SHADES,
    TILE_POSITIONS,
    shade_index,
    short_county_name,
    text_colour,
    tile_name,
    tile_origin,
)
from cases.county_tiles import (
    map_size as tile_map_size,
)
from cases.municipality_list import read_official_list

from .presentation import url_for
from .request import SearchRequest, SearchResult

TILE_WIDTH, TILE_HEIGHT = 104, 44


@dataclass
class Tile:
    code: str
    name: str
    short_name: str
    count: int
    selected: bool
    url: str
    x: int
    y: int
    fill: str
    text_colour: str
    column: int = 0
    row: int = 0
    shade: int = 0

    @property
    def display_name(self) -> str:
        """The visible name, breakable at its joint on the narrow tiles of the filter column."""
        return tile_name(self.name)

    @property
    def label(self) -> str:
        """The link's accessible name: its visible text ("Norrbotten 0") first, as WCAG 2.5.3
        asks, then what the number counts."""
        return ngettext("%(name)s: %(count)s case", "%(name)s: %(count)s cases", self.count) % {
            "name": self.short_name,
            "count": self.count,
        }


@cache
def county_names() -> dict[str, str]:
    """County code -> name from SCB's list, which the municipalities are loaded from: the 21
    counties are fixed, so the search page need not ask the database for them."""
    return {record.county_code: record.county_name for record in read_official_list()}


def county_tiles(request: SearchRequest, result: SearchResult) -> list[Tile]:
    counts = {value.value: value.count for value in result.facets.get("counties", [])}
    names = county_names()
    highest = max(counts.values(), default=0)
    tiles = []
    for code, (column, row) in TILE_POSITIONS.items():
        count = counts.get(code, 0)
        shade = shade_index(count, highest)
        x, y = tile_origin(column, row, TILE_WIDTH, TILE_HEIGHT)
        selected = code in request.counties
        toggled = (
            tuple(c for c in request.counties if c != code)
            if selected
            else (
                *request.counties,
                code,
            )
        )
        tiles.append(
            Tile(
                code=code,
                name=names.get(code, code),
                short_name=short_county_name(names.get(code, code)),
                count=count,
                selected=selected,
                url=url_for(request, counties=toggled),
                x=x,
                y=y,
                fill=SHADES[shade],
                text_colour=text_colour(shade),
                column=column,
                row=row,
                shade=shade,
            )
        )
    return tiles


def map_size() -> tuple[int, int]:
    return tile_map_size(TILE_WIDTH, TILE_HEIGHT)
