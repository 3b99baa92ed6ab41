"""How practice spreads: the graph of "inspired by" links between public cases (issue #17).

A link (case B, source A) says B was inspired by A: the practice spread from A's municipality to
B's. The pure functions below work on plain ids:

- `build(cases, links)` takes {case id: municipality id} of the public cases and (case id,
  source id) pairs, and gives each case the other municipalities that took it up – directly
  (a case there names it) or indirectly (A inspired B which inspired C counts C's municipality
  for A). A cycle ends where it meets a case already visited, no municipality counts twice and
  the case's own municipality never counts.
- `most_spread(spread, limit)` ranks cases by the number of municipalities they reached.
- `network(cases, links)` sums the direct links between municipalities.

Only public cases are in the graph (`public_cases()`, at both ends of a link): a path through a
private case is cut there, so neither a private case nor a municipality reached only through it
shows anywhere. `spread_graph()` reads the two inputs in two queries and is cached per content
version, which changes on every publish, unpublish and view-restriction change.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from django.apps import apps
from wagtail.models import PageViewRestriction

from cases.county_tiles import TILE_POSITIONS, shade_index, short_county_name
from cases.models.case_parts import CaseInspiration
from cases.models.municipality import Municipality
from cases.spread_tile_names import breakable
from core.content_version import cached


class Reach(NamedTuple):
    """One other municipality a case reached: the cases there that stem from it (nearest
    first), and whether one of them names the case itself."""

    municipality: int
    cases: tuple[int, ...]
    direct: bool


class Spread(NamedTuple):
    reached: dict[int, tuple[Reach, ...]]  # case id -> its reach, direct first, then by id
    network: tuple[tuple[int, int, int], ...]  # (from municipality, to municipality, links)
    cases: Mapping[int, int] = {}  # the input: public case id -> municipality id
    links: tuple[tuple[int, int], ...] = ()  # the input: (case id, source id)

    def of(self, case_id: int) -> tuple[Reach, ...]:
        return self.reached.get(case_id, ())


def _children(cases: Mapping[int, int], links: Iterable[tuple[int, int]]) -> dict[int, list]:
    """source -> the cases it inspired, public at both ends, no self-links, sorted."""
    children: dict[int, set[int]] = {}
    for case_id, source_id in links:
        if case_id != source_id and case_id in cases and source_id in cases:
            children.setdefault(source_id, set()).add(case_id)
    return {source: sorted(targets) for source, targets in children.items()}


def reach_of(case_id: int, cases: Mapping[int, int], children: Mapping[int, list]) -> tuple:
    """The other municipalities `case_id` reached, breadth first (so each case is found at its
    shortest distance, and a cycle stops at the first case seen again)."""
    own = cases[case_id]
    found: dict[int, list[int]] = {}
    direct: set[int] = set()
    seen = {case_id}
    queue = deque((child, 1) for child in children.get(case_id, ()))
    seen.update(children.get(case_id, ()))
    while queue:
        current, depth = queue.popleft()
        municipality = cases[current]
        if municipality != own:
            found.setdefault(municipality, []).append(current)
            if depth == 1:
                direct.add(municipality)
        for child in children.get(current, ()):
            if child not in seen:
                seen.add(child)
                queue.append((child, depth + 1))
    reaches = [
        Reach(municipality, tuple(found_cases), municipality in direct)
        for municipality, found_cases in found.items()
    ]
    return tuple(sorted(reaches, key=lambda r: (not r.direct, r.municipality)))


def network(
    cases: Mapping[int, int], links: Iterable[tuple[int, int]]
) -> tuple[tuple[int, int, int], ...]:
    """(from municipality, to municipality, number of links) for the direct links between two
    different municipalities, most links first."""
    weights: dict[tuple[int, int], int] = {}
    for case_id, source_id in set(links):
        if case_id == source_id or case_id not in cases or source_id not in cases:
            continue
        pair = (cases[source_id], cases[case_id])
        if pair[0] != pair[1]:
            weights[pair] = weights.get(pair, 0) + 1
    return tuple(
        (start, end, weight)
        for (start, end), weight in sorted(weights.items(), key=lambda i: (-i[1], i[0]))
    )


def build(cases: Mapping[int, int], links: Iterable[tuple[int, int]]) -> Spread:
    """The whole spread from {case id: municipality id} and (case id, source id) links."""
    links = list(links)
    children = _children(cases, links)
    reached = {}
    for case_id in children:  # only a case that inspired another can reach anyone
        reach = reach_of(case_id, cases, children)
        if reach:
            reached[case_id] = reach
    return Spread(reached, network(cases, links), cases, tuple(links))


def only_sources(spread: Spread, sources: set[int]) -> Spread:
    """The spread of the practices in `sources` only (the cases a figure filter selects): where
    they reached, and the links they are the source of."""
    return Spread(
        {case: reach for case, reach in spread.reached.items() if case in sources},
        network(spread.cases, [link for link in spread.links if link[1] in sources]),
        spread.cases,
        spread.links,
    )


def most_spread(spread: Spread, limit: int | None = None) -> list[tuple[int, int, int]]:
    """(case id, municipalities reached, of those directly), most municipalities first."""
    ranked = sorted(
        (
            (case_id, len(reach), sum(1 for r in reach if r.direct))
            for case_id, reach in spread.reached.items()
        ),
        key=lambda item: (-item[1], -item[2], item[0]),
    )
    return ranked[:limit] if limit is not None else ranked


# -- Query adapter ------------------------------------------------------------------------------


def _read() -> Spread:
    """The public cases and every link, in three queries. Which cases are public is the test
    of `public_cases()` (live, no view restriction on the page or above it) done on the paths
    here: Wagtail's `.public()` would repeat the case page's own read of the restrictions."""
    restricted = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    rows = _case_pages().live().filter(municipality__isnull=False).order_by()
    cases = {
        pk: municipality
        for pk, municipality, path in rows.values_list("pk", "municipality_id", "path")
        if not path.startswith(restricted)
    }
    # Every link: build() drops those with a private end, cheaper than a long IN list here.
    return build(cases, CaseInspiration.objects.values_list("page_id", "source_id"))


def spread_graph() -> Spread:
    """The spread of the public cases as they are now, once per content version."""
    return cached("spread_graph", (), _read)


def municipalities_reached(case_id: int) -> int:
    """How many other municipalities took up the case (directly or indirectly)."""
    return len(spread_graph().of(case_id))


# -- What a case page shows ---------------------------------------------------------------------


class Taken(NamedTuple):
    """One other municipality that took up a case, with its cases that stem from it."""

    municipality: Municipality
    cases: tuple
    direct: bool


def case_spread_rows(case_id: int | None) -> list[Taken]:
    """The municipalities a case reached, with their case pages: for the case page's cache entry
    (cases/page_context.py). No query when the case inspired nobody."""
    reach = spread_graph().of(case_id) if case_id is not None else ()
    if not reach:
        return []
    wanted = {case for item in reach for case in item.cases}
    # Public when the graph was built (this content version); the page checks again per request.
    live = _case_pages().live().filter(pk__in=wanted).select_related("municipality")
    pages = {page.pk: page for page in live}
    taken = []
    for item in reach:
        found = tuple(pages[case] for case in item.cases if case in pages)
        if found:
            taken.append(Taken(found[0].municipality, found, item.direct))
    return taken


def visible(taken: list[Taken], is_public) -> list[Taken]:
    """The entries whose cases pass `is_public` now, direct ones first, then by name."""
    shown = []
    for item in taken:
        cases = tuple(case for case in item.cases if is_public(case))
        if cases:
            shown.append(item._replace(cases=cases))
    return sorted(shown, key=lambda item: (not item.direct, item.municipality.name))


class MapTile(NamedTuple):
    column: int
    row: int
    shade: int
    short_name: str
    count: int
    own: bool


class SpreadMap(NamedTuple):
    tiles: tuple[MapTile, ...]
    counties: tuple[tuple[str, int], ...]  # (county name, municipalities), most first


def _case_pages():
    """CaseStudyPage's manager, looked up by name: its module imports the case page's context,
    which imports this one."""
    return apps.get_model("cases", "CaseStudyPage").objects


_COUNTY_NAMES: dict[str, str] = {}


def _county_names() -> dict[str, str]:
    """County code -> name. The 21 counties are fixed: read once per process (once loaded)."""
    if not _COUNTY_NAMES:
        rows = Municipality.objects.values_list("county_code", "county_name").distinct()
        _COUNTY_NAMES.update(rows.order_by())
    return _COUNTY_NAMES


def spread_map(taken: list[Taken], own_county_code: str | None) -> SpreadMap:
    """The county tile map (cases/county_tiles.py, drawn with css/tile-map.css like the one on
    /statistik/): darker where more municipalities took the practice up, the number in the
    tile, the case's own county marked."""
    counts: dict[str, int] = {}
    for item in taken:
        code = item.municipality.county_code
        counts[code] = counts.get(code, 0) + 1
    names = _county_names()
    highest = max(counts.values(), default=0)
    tiles = tuple(
        MapTile(
            column,
            row,
            shade_index(counts.get(code, 0), highest),
            breakable(short_county_name(names.get(code, code))),
            counts.get(code, 0),
            code == own_county_code,
        )
        for code, (column, row) in TILE_POSITIONS.items()
    )
    ranked = sorted(counts.items(), key=lambda item: (-item[1], names.get(item[0], "")))
    counties = tuple((short_county_name(names.get(code, code)), n) for code, n in ranked)
    return SpreadMap(tiles, counties)
