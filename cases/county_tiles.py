"""A schematic tile map of Sweden's 21 counties, shared by the search page and /statistik/.

No county geodata can be installed here, so each county is a tile placed roughly where it lies,
north at the top. The map is never the only way to the numbers: both pages list the same counts
as text (the county facet, the statistics table).
"""

from __future__ import annotations

from .spread_tile_names import breakable

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
GAP = 4
# Light to dark blue; the last two carry white text (contrast above 4.5:1 either way).
SHADES = ["#f1f4f8", "#d3e3f3", "#9fc3e7", "#3570ab", "#0b4f8a"]
DARK_TEXT, LIGHT_TEXT = "#1b1b1f", "#ffffff"


def shade_index(value: int, highest: int) -> int:
    """0 for nothing, then four steps up to the highest value."""
    return 0 if not value else 1 + min(3, (value * 4 - 1) // max(highest, 1))


def text_colour(shade: int) -> str:
    return LIGHT_TEXT if shade >= 3 else DARK_TEXT


def short_county_name(name: str) -> str:
    """'Värmlands län' -> 'Värmland', 'Stockholms län' -> 'Stockholm', 'Skåne län' -> 'Skåne'."""
    base = name.removesuffix(" län")
    return base[:-1] if name.endswith("s län") and not base.endswith("ss") else base


def tile_name(name: str) -> str:
    """The short name as a tile shows it: long ones break at their compound joint, never
    mid-word (cases/spread_tile_names.py). Only for the tile's visible text – accessible names
    and lists use short_county_name(), without soft hyphens."""
    return breakable(short_county_name(name))


def tile_origin(column: int, row: int, tile_width: int, tile_height: int) -> tuple[int, int]:
    return column * (tile_width + GAP), row * (tile_height + GAP)


def map_size(tile_width: int, tile_height: int) -> tuple[int, int]:
    columns = max(column for column, _row in TILE_POSITIONS.values()) + 1
    rows = max(row for _column, row in TILE_POSITIONS.values()) + 1
    return columns * (tile_width + GAP) - GAP, rows * (tile_height + GAP) - GAP
