"""The evidence ladder (cases/evidence.py): the order of the levels, the derived level "tried in
several municipalities" and how it combines with the chosen one, "why this level?" on the case
page, and the level search, the API and open data carry."""

from types import SimpleNamespace

import pytest
from wagtail.models import PageViewRestriction

from cases.evidence import (
    LADDER,
    Uptake,
    criteria_by_level,
    effective_level,
    in_ladder_order,
    qualifying_uptake,
    reports_results,
    uptake_by_source,
    why_this_level,
)
from cases.models import CaseInspiration, CaseStudyPage, MunicipalityPage
from search.documents import case_document
from search.models import CaseSearchEntry
from tests.factories import make_case

MEASURED = [{"name": "Deltagare i arbete", "unit": "%", "baseline": 20, "outcome": 35}]
NOT_MEASURED = [{"name": "Deltagare i arbete", "unit": "%", "baseline": 20}]


# -- The ladder, pure --------------------------------------------------------------------------


def test_the_ladder_runs_from_not_evaluated_to_the_evaluated_levels():
    assert LADDER == (
        "not_evaluated",
        "promising",
        "tried_in_several",
        "evaluated_good",
        "evaluated_mixed",
        "no_effect",
    )
    assert in_ladder_order(["no_effect", "bogus", "promising", "tried_in_several"]) == [
        "promising",
        "tried_in_several",
        "no_effect",
    ]


@pytest.mark.parametrize(
    ("chosen", "derived", "shown"),
    [
        ("not_evaluated", True, "tried_in_several"),
        ("promising", True, "tried_in_several"),
        ("evaluated_good", True, "evaluated_good"),
        ("evaluated_mixed", True, "evaluated_mixed"),
        ("no_effect", True, "no_effect"),  # never overridden by spread
        ("promising", False, "promising"),
        ("something-else", False, "not_evaluated"),
    ],
)
def test_a_case_shows_the_higher_of_the_chosen_and_the_derived_level(chosen, derived, shown):
    assert effective_level(chosen, derived) == shown


def test_results_are_a_measured_outcome_or_a_level_from_promising_up():
    assert reports_results("not_evaluated", True)
    assert reports_results("promising", False)
    assert reports_results("no_effect", False)
    assert not reports_results("not_evaluated", False)


def test_uptake_counts_other_municipalities_with_results_only():
    uptakes = [
        Uptake(10, municipality_id=2, chosen_level="not_evaluated", has_measured_outcome=True),
        Uptake(11, municipality_id=2, chosen_level="promising", has_measured_outcome=False),
        Uptake(12, municipality_id=1, chosen_level="promising", has_measured_outcome=True),  # own
        Uptake(13, municipality_id=3, chosen_level="not_evaluated", has_measured_outcome=False),
    ]
    assert qualifying_uptake(1, uptakes, minimum=2) == ()  # only municipality 2 counts
    more = [*uptakes, Uptake(14, 4, "evaluated_good", False)]
    assert qualifying_uptake(1, more, minimum=2) == (10, 11, 14)
    assert qualifying_uptake(1, more, minimum=3) == ()


def _criteria():
    return {
        level: SimpleNamespace(level=level, criteria=f"kriterier för {level}", what_counts="")
        for level in LADDER
    }


def test_why_explains_a_derived_level_with_the_municipalities_behind_it():
    uptake = [SimpleNamespace(municipality_id=2), SimpleNamespace(municipality_id=3)]
    why = why_this_level(
        chosen="promising",
        uptake=uptake,
        criteria=_criteria(),
        evaluation_kind="none",
        evaluation_kind_label="Ingen",
        has_evaluation_description=False,
    )
    assert why.level == "tried_in_several"
    assert why.criterion.criteria == "kriterier för tried_in_several"
    assert "Insatser i 2 andra kommuner" in why.reasons[0]
    assert "Lovande" in why.reasons[1]
    assert why.uptake == tuple(uptake)


def test_why_keeps_an_evaluation_that_found_no_effect_above_spread():
    why = why_this_level(
        chosen="no_effect",
        uptake=[SimpleNamespace(municipality_id=2), SimpleNamespace(municipality_id=3)],
        criteria=_criteria(),
        evaluation_kind="external_evaluation",
        evaluation_kind_label="Extern utvärdering",
        has_evaluation_description=False,
    )
    assert why.level == "no_effect"
    text = " ".join(why.reasons)
    assert "en utvärdering står högre på stegen än spridning" in text
    assert "Typ av utvärdering: Extern utvärdering." in text
    assert "Utvärderingen är ännu inte beskriven" in text


def test_why_notes_an_evaluated_level_without_a_kind_of_evaluation():
    why = why_this_level(
        chosen="evaluated_good",
        uptake=[],
        criteria=_criteria(),
        evaluation_kind="none",
        evaluation_kind_label="Ingen",
        has_evaluation_description=False,
    )
    assert why.level == "evaluated_good"
    assert "Ingen typ av utvärdering är angiven" in why.reasons[-1]


# -- Derived from the links in the database -----------------------------------------------------


def _page(name):
    return MunicipalityPage.objects.get(municipality__name=name)


@pytest.fixture
def spread_case(filipstad):
    """A case in Filipstad that cases in Hofors and Ljusdal took up, each with a measured result."""
    source = make_case(filipstad, title="Språkcafé som spreds", evidence_level="promising")
    for name in ("Hofors", "Ljusdal"):
        make_case(
            _page(name),
            title=f"Språkcafé i {name}",
            indicators=MEASURED,
            inspired_by=[{"slug": source.slug, "note": "Vi tog efter språkcaféet."}],
            sources={source.slug: source},
        )
    return source


@pytest.mark.django_db
def test_cases_in_two_other_municipalities_with_results_lift_the_source(spread_case):
    uptake = uptake_by_source([spread_case.pk])
    assert len(uptake[spread_case.pk]) == 2
    assert case_document(spread_case)["evidence_level"] == "tried_in_several"
    assert CaseSearchEntry.objects.get(pk=spread_case.pk).evidence_level == "tried_in_several"


@pytest.mark.django_db
def test_cases_without_results_or_in_the_same_municipality_do_not_count(filipstad):
    source = make_case(filipstad, title="Läxhjälp som inte spreds")
    make_case(
        _page("Hofors"),
        indicators=NOT_MEASURED,  # no outcome, level not evaluated
        inspired_by=[{"slug": source.slug}],
        sources={source.slug: source},
    )
    make_case(
        filipstad,  # the source's own municipality
        indicators=MEASURED,
        inspired_by=[{"slug": source.slug}],
        sources={source.slug: source},
    )
    assert source.pk not in uptake_by_source([source.pk])
    assert case_document(source)["evidence_level"] == "not_evaluated"


@pytest.mark.django_db
def test_a_private_case_does_not_count(spread_case):
    hofors_case = CaseStudyPage.objects.get(title="Språkcafé i Hofors")
    PageViewRestriction.objects.create(
        page=hofors_case, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    assert spread_case.pk not in uptake_by_source()
    assert CaseSearchEntry.objects.get(pk=spread_case.pk).evidence_level == "promising"


@pytest.mark.django_db
def test_unpublishing_an_inspired_case_takes_the_source_back_down(spread_case):
    CaseStudyPage.objects.get(title="Språkcafé i Ljusdal").unpublish()
    assert spread_case.pk not in uptake_by_source()
    assert CaseSearchEntry.objects.get(pk=spread_case.pk).evidence_level == "promising"


@pytest.mark.django_db
def test_a_cycle_of_links_neither_loops_nor_counts_twice(filipstad):
    first = make_case(filipstad, title="Cykel ett", indicators=MEASURED)
    second = make_case(
        _page("Hofors"),
        title="Cykel två",
        indicators=MEASURED,
        inspired_by=[{"slug": first.slug}],
        sources={first.slug: first},
    )
    # first ← second ← third ← first: every case is both a source and inspired.
    third = make_case(
        _page("Ljusdal"),
        title="Cykel tre",
        indicators=MEASURED,
        inspired_by=[{"slug": second.slug}],
        sources={second.slug: second},
    )
    CaseInspiration.objects.create(page=first, source=third)
    uptake = uptake_by_source([first.pk, second.pk, third.pk])
    assert uptake == {}  # each has one direct follower only: links of links do not count


@pytest.mark.django_db
def test_the_number_of_municipalities_is_a_setting(settings, filipstad):
    settings.EVIDENCE_SPREAD_MIN_MUNICIPALITIES = 1
    source = make_case(filipstad)
    make_case(
        _page("Hofors"),
        indicators=MEASURED,
        inspired_by=[{"slug": source.slug}],
        sources={source.slug: source},
    )
    assert source.pk in uptake_by_source([source.pk])


# -- On the case page ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_case_page_shows_the_derived_level_and_why(client, spread_case):
    html = client.get(spread_case.url).content.decode()
    assert "Prövad i flera kommuner" in html
    assert "<summary>Varför denna nivå?</summary>" in html
    assert "Insatser i 2 andra kommuner anger den här insatsen som sin inspiration" in html
    assert "Kommunen valde själv ”Lovande”" in html
    for name in ("Hofors", "Ljusdal"):
        inspired = CaseStudyPage.objects.get(title=f"Språkcafé i {name}")
        assert f'href="{inspired.url}"' in html.split("Varför denna nivå?")[1]
    assert criteria_by_level()["tried_in_several"].criteria in html


@pytest.mark.django_db
def test_publishing_the_second_uptake_shows_on_the_next_view(client, filipstad):
    source = make_case(filipstad, title="Källan")
    make_case(
        _page("Hofors"),
        indicators=MEASURED,
        inspired_by=[{"slug": source.slug}],
        sources={source.slug: source},
    )
    assert "Prövad i flera kommuner" not in client.get(source.url).content.decode()
    make_case(
        _page("Ljusdal"),
        indicators=MEASURED,
        inspired_by=[{"slug": source.slug}],
        sources={source.slug: source},
    )
    assert "Prövad i flera kommuner" in client.get(source.url).content.decode()


@pytest.mark.django_db
def test_no_effect_shown_is_kept_on_a_case_that_spread(client, filipstad):
    source = make_case(
        filipstad,
        title="Utvärderad utan effekt",
        evidence_level="no_effect",
        evaluation_kind="external_evaluation",
        evaluation_description="En högskola jämförde med en kontrollgrupp.",
    )
    for name in ("Hofors", "Ljusdal"):
        make_case(
            _page(name),
            indicators=MEASURED,
            inspired_by=[{"slug": source.slug}],
            sources={source.slug: source},
        )
    html = client.get(source.url).content.decode()
    assert "Ingen effekt påvisad" in html
    assert "Prövad i flera kommuner" not in html
    assert "Utvärderingen beskrivs på den här sidan." in html


@pytest.mark.django_db
def test_the_english_case_page_explains_in_english(client, spread_case):
    html = client.get(f"/en{spread_case.url}").content.decode()
    assert "<summary>Why this level?</summary>" in html
    assert "Tried in several municipalities" in html


# -- Search, API, open data ----------------------------------------------------------------------


@pytest.mark.django_db
def test_search_filters_on_the_level_a_case_shows(client, spread_case):
    html = client.get("/sok/", {"evidens": "tried_in_several"}).content.decode()
    assert "Språkcafé som spreds" in html
    assert "Språkcafé i Hofors" not in html
    ignored = client.get("/sok/", {"evidens": "inte-en-niva"})
    assert ignored.status_code == 200


@pytest.mark.django_db
def test_the_api_carries_the_shown_and_the_chosen_level_with_labels(client, spread_case):
    evidence = client.get(f"/api/v1/insatser/{spread_case.pk}/").json()["evidence"]
    assert evidence["level"] == "tried_in_several"
    assert evidence["label"] == "Prövad i flera kommuner"
    assert evidence["chosen_level"] == "promising"
    assert evidence["chosen_label"] == "Lovande"
    assert evidence["criteria"] == criteria_by_level()["tried_in_several"].criteria


@pytest.mark.django_db
def test_the_search_api_accepts_the_new_levels_and_drops_unknown_ones(client, spread_case):
    found = client.get("/api/v1/sok/", {"evidens": "tried_in_several"}).json()
    ids = {result["id"] for result in found["results"]}
    assert spread_case.pk in ids
    demo = CaseStudyPage.objects.get(slug="faltande-fritidsledare-hofors")  # two demo followers
    assert ids == {spread_case.pk, demo.pk}
    unknown = client.get("/api/v1/sok/", {"evidens": "inte-en-niva", "antal": 5})
    assert unknown.status_code == 200
    assert unknown.json()["results"]


@pytest.mark.django_db
def test_statistics_count_the_shown_and_the_chosen_levels(client, spread_case):
    from cases.figures import FIGURES, FigureFilters

    table = FIGURES["insatser-per-evidensniva"].compute(FigureFilters())
    rows = {row.code: row.values for row in table.rows}
    assert [row.code for row in table.rows] == list(LADDER)
    assert rows["tried_in_several"][0] >= 1  # the source shows the derived level …
    assert rows["tried_in_several"][1] == 0  # … which nobody can choose
    assert sum(values[0] for values in rows.values()) == table.total.values[0]
    assert sum(values[1] for values in rows.values()) == table.total.values[1]
    # Beside the criteria, not in the /statistik/ grid (its height budget); downloadable there.
    html = client.get("/om/evidensnivaer/").content.decode()
    section = html.split('id="fordelning"')[1]
    assert "Insatser per evidensnivå" in section and "Valda av kommunen" in section
    assert '<th scope="row">Prövad i flera kommuner</th>' in section
    download = client.get("/statistik/export/insatser-per-evidensniva.csv")
    assert download.status_code == 200
    assert "tried_in_several" in b"".join(download.streaming_content).decode("utf-8-sig")


@pytest.mark.django_db
def test_open_data_carries_the_shown_and_the_chosen_level(spread_case):
    from cases.exchange.case_rows import PageUrls
    from cases.exchange.open_data_records import case_records

    record = next(r for r in case_records(PageUrls()) if r["id"] == spread_case.pk)
    assert record["evidensniva"] == "promising"
    assert record["evidensniva_visad"] == "tried_in_several"
