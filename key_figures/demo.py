"""Invented key figures for the ten demo municipalities, so the demo shows "Kommuner som liknar …"
before anyone imports real figures. They are stored with is_demo set and every page showing them
says "Exempelsiffror"; an import of real figures replaces them (key_figures/importer.py)."""

from __future__ import annotations

from decimal import Decimal

from .importer import Figure, Reading, known_municipality_codes, write
from .indicators import GROUP
from .models import KeyFigure

DEMO_YEAR = 2023
# code: population, born abroad %, unemployment %, upper-secondary %, group (invented).
DEMO_FIGURES = {
    "1782": (10300, "22.5", "10.1", "47.0", "C7"),
    "1864": (4800, "20.1", "9.4", "49.5", "C8"),
    "2104": (9500, "17.8", "8.7", "50.2", "C7"),
    "2161": (19000, "14.2", "7.5", "48.1", "C8"),
    "0761": (8900, "27.3", "10.8", "46.0", "C7"),
    "1982": (13600, "25.9", "10.5", "45.3", "C6"),
    "1762": (3700, "16.4", "7.9", "51.0", "C8"),
    "1863": (6900, "23.0", "9.8", "48.7", "C8"),
    "1275": (7600, "26.1", "9.1", "47.5", "B4"),
    "1060": (13500, "24.8", "8.3", "46.2", "C6"),
}
NUMBERS = ("population", "born_abroad", "unemployment", "upper_secondary")


def demo_reading(codes) -> Reading:
    reading = Reading()
    for code, (*numbers, group) in DEMO_FIGURES.items():
        if code not in codes:
            continue
        for key, number in zip(NUMBERS, numbers, strict=True):
            reading.figures.append(Figure(code, key, DEMO_YEAR, value=Decimal(str(number))))
        reading.figures.append(Figure(code, GROUP, DEMO_YEAR, category=group))
    return reading


def load_demo_figures() -> int:
    """Writes the demo figures where no real figure of the same indicator exists; safe to run
    again. Returns how many were written."""
    codes = known_municipality_codes()
    real = set(
        KeyFigure.objects.filter(is_demo=False).values_list("municipality__code", "indicator")
    )
    reading = demo_reading(codes)
    reading.figures = [f for f in reading.figures if (f.code, f.indicator) not in real]
    existing = set(
        KeyFigure.objects.filter(is_demo=True).values_list(
            "municipality__code", "indicator", "year"
        )
    )
    reading.figures = [f for f in reading.figures if (f.code, f.indicator, f.year) not in existing]
    return write(reading, codes, demo=True).written if reading.figures else 0
