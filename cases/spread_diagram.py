"""The network between municipalities as an arc diagram, laid out here and drawn as SVG by the
template (cases/templates/cases/statistics/spread_network.html) – no script, no library.

The municipalities stand in one column, most links first; each link is an arc on the right from
the municipality that inspired to the one that took the practice up, thicker for more links,
with an arrowhead at the receiving end. One column keeps every name readable at phone width,
where a circle of names would not be. The names are HTML beside the SVG, one row of ROW pixels
each (so contrast checkers can measure them; SVG text they cannot), the SVG only arcs and dots.
The table after it is the full alternative.
"""

from __future__ import annotations

from typing import NamedTuple

ROW = 26  # vertical distance between two municipalities: the height of a name's row
TOP = ROW // 2  # the middle of the first row
AXIS_X = 8  # the column of dots the arcs start and end on
MAX_WIDTH = 150  # with the names, fits a 320 px screen
REVERSE_SQUEEZE = 0.6  # an upward link bends less, so A→B and B→A stay apart
MAX_NODES = 16


class Node(NamedTuple):
    name: str
    y: int
    links: int  # in and out


class Arc(NamedTuple):
    path: str
    width: float
    label: str  # "Filipstad → Ljusnarsberg: 2"


class Diagram(NamedTuple):
    width: int
    height: int
    axis_x: int
    nodes: tuple[Node, ...]
    arcs: tuple[Arc, ...]
    left_out: int  # municipalities only the table shows


def arc_diagram(
    edges: tuple[tuple[int, int, int], ...], names: dict[int, str], limit: int = MAX_NODES
) -> Diagram:
    """Edges are (from municipality, to municipality, links); names give each id's name."""
    degree: dict[int, int] = {}
    for start, end, weight in edges:
        degree[start] = degree.get(start, 0) + weight
        degree[end] = degree.get(end, 0) + weight
    ranked = sorted(degree, key=lambda m: (-degree[m], names.get(m, "")))
    shown = ranked[:limit]
    position = {m: TOP + index * ROW for index, m in enumerate(shown)}
    heaviest = max((weight for _s, _e, weight in edges), default=1)
    arcs = []
    widest = 0.0
    for start, end, weight in edges:
        if start not in position or end not in position:
            continue
        y1, y2 = position[start], position[end]
        ry = abs(y2 - y1) / 2
        rx = min(ry, MAX_WIDTH - AXIS_X - 12) * (1 if y2 > y1 else REVERSE_SQUEEZE)
        widest = max(widest, rx)
        sweep = 1 if y2 > y1 else 0  # both bend to the right of the column
        arcs.append(
            Arc(
                path=f"M {AXIS_X} {y1} A {rx:.1f} {ry:.1f} 0 0 {sweep} {AXIS_X} {y2}",
                width=round(1.5 + 3.5 * (weight - 1) / max(heaviest - 1, 1), 1),
                label=f"{names.get(start, '')} → {names.get(end, '')}: {weight}",
            )
        )
    nodes = tuple(Node(names.get(m, ""), position[m], degree[m]) for m in shown)
    height = len(shown) * ROW
    width = min(MAX_WIDTH, int(AXIS_X + widest + 12))
    return Diagram(width, height, AXIS_X, nodes, tuple(arcs), len(ranked) - len(shown))
