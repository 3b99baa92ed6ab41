"""A schematic map of Sweden's 21 counties for the search page: one tile per county, placed
roughly where the county lies (north at the top), shaded by how many cases the current search
finds there, each a link that filters by that county.

A tile map rather than county borders: it needs no geodata, every county – Gotland as much as
Norrbotten – gets a tile big enough to read and click, and the county facet beside it remains the
list-shaped equivalent for screen readers and keyboards.
"""

from __future__ import annotations

from dataclasses import dataclass

from cases.models import Municipality

from .presentation import url_for
from .request import SearchRequest, SearchResult

# county code -> (column, row)
TILE_POSITIONS = {
    "25": (2, 0),
    "24": (2, 1),
    "23": (1, 2),
    "22": (2, 2),
    "20": (1, 3),
    "21": (2, 3),
    "17": (0, 4),
    "19": (1, 4),
    "03": (2, 4),
    "14": (0, 5),
    "18": (1, 5),
    "04": (2, 5),
    "01": (3, 5),
    "13": (0, 6),
    "06": (1, 6),
    "05": (2, 6),
    "09": (3, 6),
    "12": (0, 7),
    "07": (1, 7),
    "08": (2, 7),
    "10": (1, 8),
}
TILE_WIDTH, TILE_HEIGHT, GAP = 104, 44, 4
# Light to dark blue; the last two carry white text (contrast above 4.5:1 either way).
SHADES = ["#f1f4f8", "#d3e3f3", "#9fc3e7", "#3f7fbf", "#0b4f8a"]


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


def _short(name: str) -> str:
    """'Värmlands län' -> 'Värmland', 'Stockholms län' -> 'Stockholm', 'Skåne län' -> 'Skåne'."""
    base = name.removesuffix(" län")
    return base[:-1] if name.endswith("s län") and not base.endswith("ss") else base


def county_tiles(request: SearchRequest, result: SearchResult) -> list[Tile]:
    counts = {value.value: value.count for value in result.facets.get("counties", [])}
    names = dict(Municipality.objects.values_list("county_code", "county_name").distinct())
    highest = max(counts.values(), default=0)
    tiles = []
    for code, (column, row) in TILE_POSITIONS.items():
        count = counts.get(code, 0)
        shade = 0 if not count else 1 + min(3, (count * 4 - 1) // max(highest, 1))
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
                short_name=_short(names.get(code, code)),
                count=count,
                selected=selected,
                url=url_for(request, counties=toggled),
                x=column * (TILE_WIDTH + GAP),
                y=row * (TILE_HEIGHT + GAP),
                fill=SHADES[shade],
                text_colour="#ffffff" if shade >= 3 else "#1b1b1f",
            )
        )
    return tiles


def map_size() -> tuple[int, int]:
    columns = max(column for column, _ in TILE_POSITIONS.values()) + 1
    rows = max(row for _, row in TILE_POSITIONS.values()) + 1
    return columns * (TILE_WIDTH + GAP) - GAP, rows * (TILE_HEIGHT + GAP) - GAP
