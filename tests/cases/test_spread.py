"""How practice spreads (issue #17.1): the pure graph functions and their query adapter."""

import pytest
from wagtail.models import PageViewRestriction

from cases.models import CaseInspiration
from cases.spread import Reach, build, most_spread, network, only_sources, spread_graph
from cases.spread_diagram import ROW, arc_diagram
from core.content_version import bump_content_version
from tests.factories import make_case, make_inspired_case

# case id -> municipality id
A, B, C, D, E = 1, 2, 3, 4, 5
CASES = {A: 10, B: 20, C: 30, D: 40, E: 10}


def test_direct_and_indirect_municipalities():
    spread = build(CASES, [(B, A), (C, B)])  # A inspired B, B inspired C

    assert spread.of(A) == (Reach(20, (B,), True), Reach(30, (C,), False))
    assert spread.of(B) == (Reach(30, (C,), True),)
    assert spread.of(C) == ()


def test_a_cycle_terminates_and_counts_no_municipality_twice():
    spread = build(CASES, [(B, A), (A, B), (C, B), (B, C)])

    assert spread.of(A) == (Reach(20, (B,), True), Reach(30, (C,), False))
    assert spread.of(B) == (Reach(10, (A,), True), Reach(30, (C,), True))


def test_a_self_link_counts_nothing():
    spread = build(CASES, [(A, A)])

    assert spread.of(A) == ()
    assert spread.network == ()


def test_the_own_municipality_never_counts_but_the_path_goes_on_through_it():
    # A inspired E in its own municipality, E inspired D elsewhere.
    spread = build(CASES, [(E, A), (D, E)])

    assert spread.of(A) == (Reach(40, (D,), False),)
    assert spread.of(E) == (Reach(40, (D,), True),)


def test_several_cases_of_one_municipality_count_it_once():
    cases = {A: 10, B: 20, C: 20, D: 30}
    spread = build(cases, [(B, A), (C, A), (D, B)])

    assert spread.of(A) == (Reach(20, (B, C), True), Reach(30, (D,), False))
    assert most_spread(spread) == [(A, 2, 1), (B, 1, 1)]


def test_direct_wins_over_indirect_in_one_municipality():
    cases = {A: 10, B: 20, C: 30, D: 30}
    spread = build(cases, [(B, A), (C, B), (D, A)])

    assert spread.of(A) == (Reach(20, (B,), True), Reach(30, (D, C), True))


def test_a_case_not_public_at_either_end_is_left_out():
    public = {A: 10, C: 30}  # B is private or unpublished
    spread = build(public, [(B, A), (C, B), (A, B)])

    assert spread.of(A) == ()  # never reaches C through the private B
    assert spread.reached == {}
    assert spread.network == ()


def test_network_sums_links_between_municipalities():
    cases = {A: 10, B: 20, C: 20, D: 10, E: 30}
    links = [(B, A), (C, A), (C, D), (E, B), (D, A)]  # D -> A stays inside municipality 10

    assert network(cases, links) == ((10, 20, 3), (20, 30, 1))


def test_most_spread_ranks_and_limits():
    cases = {A: 10, B: 20, C: 30, D: 40}
    spread = build(cases, [(B, A), (C, A), (D, B)])

    assert most_spread(spread) == [(A, 3, 2), (B, 1, 1)]
    assert most_spread(spread, 1) == [(A, 3, 2)]


# -- The query adapter ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_graph_from_the_database(filipstad, ljusnarsberg, hofors):
    source = make_case(filipstad, title="Källan")
    taken_up = make_inspired_case(ljusnarsberg, source)
    further = make_inspired_case(hofors, taken_up)
    make_inspired_case(filipstad, source)

    reach = spread_graph().of(source.pk)

    assert reach == (
        Reach(ljusnarsberg.municipality_id, (taken_up.pk,), True),
        Reach(hofors.municipality_id, (further.pk,), False),
    )


@pytest.mark.django_db
def test_a_private_or_unpublished_case_leaks_nowhere(filipstad, ljusnarsberg, hofors):
    source = make_case(filipstad, title="Källan")
    before = spread_graph().network
    draft = make_case(
        ljusnarsberg,
        publish=False,
        inspired_by=[{"slug": source.slug}],
        sources={source.slug: source},
    )
    private = make_inspired_case(hofors, source)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")

    graph = spread_graph()

    assert graph.of(source.pk) == ()
    assert draft.pk not in graph.reached and private.pk not in graph.reached
    assert graph.network == before


@pytest.mark.django_db
def test_a_cycle_in_the_database_gives_no_error(filipstad, ljusnarsberg):
    first = make_case(filipstad, title="Först")
    second = make_inspired_case(ljusnarsberg, first)
    CaseInspiration.objects.create(page=first, source=second)  # saved past the form
    bump_content_version()

    graph = spread_graph()

    assert graph.of(first.pk) == (Reach(ljusnarsberg.municipality_id, (second.pk,), True),)
    assert graph.of(second.pk) == (Reach(filipstad.municipality_id, (first.pk,), True),)


def test_only_sources_keeps_the_chosen_practices_and_their_links():
    cases = {A: 10, B: 20, C: 30}
    spread = build(cases, [(B, A), (C, B)])

    chosen = only_sources(spread, {B})

    assert chosen.reached == {B: (Reach(30, (C,), True),)}
    assert chosen.network == ((20, 30, 1),)


def test_arc_diagram_lays_out_every_municipality_and_link():
    names = {10: "Filipstad", 20: "Ljusnarsberg", 30: "Hofors"}
    diagram = arc_diagram(((10, 20, 3), (20, 30, 1), (30, 10, 1)), names)

    # most links first (4, 4, 2), a tie by name
    assert [node.name for node in diagram.nodes] == ["Filipstad", "Ljusnarsberg", "Hofors"]
    assert [node.y for node in diagram.nodes] == [ROW // 2, ROW // 2 + ROW, ROW // 2 + 2 * ROW]
    assert diagram.height == 3 * ROW
    assert len(diagram.arcs) == 3
    assert diagram.arcs[0].width > diagram.arcs[1].width  # more links, thicker
    assert diagram.width <= 150 and diagram.left_out == 0


def test_arc_diagram_leaves_the_smallest_to_the_table():
    edges = tuple((m, m + 1, 1) for m in range(0, 40, 2))
    diagram = arc_diagram(edges, {m: f"Kommun {m}" for m in range(41)}, limit=16)

    assert len(diagram.nodes) == 16 and diagram.left_out == 24
    assert all(arc.path.startswith("M ") for arc in diagram.arcs)
