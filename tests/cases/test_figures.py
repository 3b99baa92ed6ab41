"""The follow-up figures (cases/figures.py) against hand-counted answers, and their filters.

The fixed data is in tests/cases/figure_data.py. Filtered to 2011–2013 or to Norrbotten it is all
there is, so the expected numbers below are exact; unfiltered, the demo content is there too and
the tests check that the rows reconcile with the totals.
"""

import pytest
from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import PageViewRestriction

from cases import figures
from cases.figure_forms import FigureFilterForm
from cases.figures import FigureFilters, share
from tests.cases.figure_data import NORRBOTTEN, VASTERBOTTEN, YEARS, figure_data_for_module

pytestmark = pytest.mark.django_db

IN_YEARS = FigureFilters(year_from=YEARS[0], year_to=YEARS[1])
IN_NORRBOTTEN = FigureFilters(county_code=NORRBOTTEN)


@pytest.fixture(scope="module")
def data(django_db_setup, django_db_blocker):
    with figure_data_for_module(django_db_blocker) as data:
        yield data


def by_code(table, column=0):
    return {row.code: row.values[column] for row in table.rows}


def by_label(table, column=0):
    return {row.label: row.values[column] for row in table.rows}


def non_zero(table, column=0):
    return {row.code or row.label: row.values[column] for row in table.rows if row.values[column]}


def test_cases_per_county_lists_all_21_counties_in_code_order(data):
    table = figures.cases_per_county(IN_YEARS)
    codes = [row.code for row in table.rows]
    assert len(codes) == 21
    assert codes == sorted(codes)
    assert codes[0] == "01" and codes[-1] == "25"
    assert non_zero(table) == {NORRBOTTEN: 3, VASTERBOTTEN: 1}  # A, B, C and D
    assert table.rows[-1].label == "Norrbottens län"
    assert table.total.values == (4,)


def test_drafts_and_cases_in_review_do_not_count_on_the_public_figures(data):
    assert figures.cases_per_status(IN_YEARS).total.values == (4,)
    assert figures.cases_per_county(IN_YEARS).total.values == (4,)


def test_cases_per_status(data):
    table = figures.cases_per_status(IN_YEARS)
    assert by_code(table) == {"planned": 1, "ongoing": 1, "completed": 1, "discontinued": 1}


def test_cases_per_start_year(data):
    table = figures.cases_per_start_year(IN_YEARS)
    assert by_label(table) == {"2011": 2, "2012": 1, "2013": 1}
    assert table.total.values == (4,)


def test_a_case_counts_under_each_of_its_focus_areas_but_once_in_the_total(data):
    table = figures.cases_per_focus_area(IN_YEARS)
    assert non_zero(table) == {"grundskola": 2, "folkhalsa": 2, "arbetsmarknad": 1}
    assert table.total.values == (4,)
    assert not table.rows_add_up
    assert sum(row.values[0] for row in table.rows) == 5  # case A twice


def test_focus_areas_without_cases_show_zero(data):
    table = figures.cases_per_focus_area(IN_YEARS)
    assert by_code(table)["digitalisering"] == 0
    assert len(table.rows) == 11


def test_measured_results(data):
    table = figures.measured_results(IN_YEARS)
    assert by_code(table, 0) == {"matt": 2, "ej_matt": 2}  # A and D; B has no outcome, C nothing
    assert by_code(table, 1) == {"matt": 50, "ej_matt": 50}
    assert table.total.values == (4, 100)


def test_cases_per_municipality_lists_participants_with_and_without_cases(data):
    table = figures.cases_per_municipality(IN_YEARS)
    counts = by_label(table)
    assert {name: counts[name] for name in ("Kiruna", "Pajala", "Umeå")} == {
        "Kiruna": 2,
        "Pajala": 1,
        "Umeå": 1,
    }
    assert counts["Filipstad"] == 0  # a demo municipality, no case started 2011–2013
    assert table.total.values == (4,)


def test_grants_per_year_come_from_grant_allocations(data):
    table = figures.grants_per_year(IN_YEARS)
    assert by_label(table) == {"2011": 1_000_000, "2012": 850_000, "2013": 200_000}
    assert table.total.values == (2_050_000,)


def test_grants_per_county(data):
    table = figures.grants_per_county(IN_YEARS)
    assert non_zero(table) == {NORRBOTTEN: 1_850_000, VASTERBOTTEN: 200_000}
    assert table.total.values == (2_050_000,)


def test_case_grants_per_focus_area_count_a_case_in_full_under_each_area(data):
    table = figures.case_grants_per_focus_area(IN_YEARS)
    rows = {row.code: row.values for row in table.rows if row.values[0]}
    assert rows == {
        "grundskola": (2, 2, 350_000),  # A 100 000 + B 250 000
        "folkhalsa": (2, 1, 100_000),  # A in full; C gives no amount
        "arbetsmarknad": (1, 1, 40_000),
    }
    assert table.total.values == (4, 3, 390_000)  # every case once
    assert not table.rows_add_up


def test_case_grants_per_start_year(data):
    table = figures.case_grants_per_start_year(IN_YEARS)
    assert {row.label: row.values for row in table.rows} == {
        "2011": (2, 2, 140_000),
        "2012": (1, 1, 250_000),
        "2013": (1, 0, 0),
    }
    assert table.total.values == (4, 3, 390_000)


def test_publication_states_for_staff(data):
    table = figures.publication_states(IN_YEARS)
    assert by_code(table) == {
        "publicerad": 4,
        "publicerad_andring_granskas": 0,
        "publicerad_begransad": 0,
        "granskas": 1,  # F
        "utkast": 1,  # E
    }
    assert table.total.values == (6,)


def test_a_published_case_with_changes_in_review(data, moderator):
    case = data.cases["A"]
    case.save_revision()
    case.get_workflow().start(case, moderator)
    assert by_code(figures.publication_states(IN_YEARS))["publicerad_andring_granskas"] == 1
    assert figures.cases_per_status(IN_YEARS).total.values == (4,)


def test_a_private_case_counts_nowhere_as_published(data):
    """A view restriction on a published case (here on A) takes it out of every published count,
    public and staff alike; the publication-state figure shows it as restricted."""
    PageViewRestriction.objects.create(
        page=data.cases["A"], restriction_type=PageViewRestriction.LOGIN
    )
    assert figures.cases_per_status(IN_YEARS).total.values == (3,)
    assert by_code(figures.cases_per_municipality(IN_YEARS))["2584"] == 1  # Kiruna: B only
    assert by_code(figures.municipality_overview(IN_YEARS))["2584"] == 1
    states = figures.publication_states(IN_YEARS)
    assert by_code(states)["publicerad"] == 3
    assert by_code(states)["publicerad_begransad"] == 1
    assert states.total.values == (6,)


def test_municipality_overview_for_staff(data):
    table = figures.municipality_overview(IN_YEARS)
    rows = {row.label: row.values for row in table.rows if any(row.values)}
    assert rows == {
        "Kiruna": (2, 1, 1_550_000, 350_000),
        "Pajala": (1, 1, 300_000, 0),
        "Umeå": (1, 0, 200_000, 40_000),
    }
    assert table.total.values == (4, 2, 2_050_000, 390_000)


def test_measured_results_per_focus_area_for_staff(data):
    table = figures.measured_results_per_focus_area(IN_YEARS)
    rows = {row.code: row.values for row in table.rows if row.values[0]}
    assert rows == {"grundskola": (2, 1, 50), "folkhalsa": (2, 1, 50), "arbetsmarknad": (1, 1, 100)}
    assert by_code(table, 2)["digitalisering"] is None  # no cases: no share
    assert table.total.values == (4, 2, 50)


# -- Filters ------------------------------------------------------------------------------------


def test_county_filter_keeps_only_that_county(data):
    table = figures.cases_per_county(IN_NORRBOTTEN)
    assert [(row.code, row.values) for row in table.rows] == [(NORRBOTTEN, (4,))]  # A, B, C, H
    assert figures.grants_per_county(IN_NORRBOTTEN).total.values == (1_850_000,)
    municipalities = {row.label for row in figures.cases_per_municipality(IN_NORRBOTTEN).rows}
    assert municipalities == {"Kiruna", "Pajala"}


def test_cases_without_start_date_have_a_row_of_their_own_without_year_filter(data):
    table = figures.cases_per_start_year(IN_NORRBOTTEN)
    assert by_label(table) == {"2011": 1, "2012": 1, "2013": 1, _("No start date"): 1}
    assert sum(row.values[0] for row in table.rows) == table.total.values[0] == 4


def test_year_filter_leaves_out_cases_without_start_date(data):
    table = figures.cases_per_start_year(
        FigureFilters(year_from=2000, year_to=2013, county_code=NORRBOTTEN)
    )
    assert by_label(table) == {"2011": 1, "2012": 1, "2013": 1}


def test_one_year(data):
    only_2012 = FigureFilters(year_from=2012, year_to=2012)
    assert figures.cases_per_status(only_2012).total.values == (1,)  # B
    assert by_label(figures.grants_per_year(only_2012)) == {"2012": 850_000}


def test_years_without_data_inside_the_range_show_zero(data):
    table = figures.cases_per_start_year(FigureFilters(year_from=2011, year_to=2019))
    labels = [row.label for row in table.rows]
    assert labels == [str(year) for year in range(2011, 2020)]
    assert [by_label(table)[str(year)] for year in range(2014, 2018)] == [0, 0, 0, 0]


def test_figures_with_no_data_are_empty_not_errors(data):
    nothing = FigureFilters(year_from=2001, year_to=2002)
    for key in figures.figure_keys(public_only=False):
        table = figures.FIGURES[key].compute(nothing)
        assert table.total.values[0] == 0, key


# -- Totals reconcile ---------------------------------------------------------------------------


RECONCILING = [
    figures.cases_per_county,
    figures.cases_per_status,
    figures.cases_per_start_year,
    figures.cases_per_municipality,
    figures.measured_results,
    figures.grants_per_year,
    figures.grants_per_county,
    figures.case_grants_per_start_year,
    figures.publication_states,
    figures.municipality_overview,
]


@pytest.mark.parametrize("compute", RECONCILING, ids=lambda compute: compute.__name__)
@pytest.mark.parametrize(
    "filters",
    [FigureFilters(), IN_YEARS, IN_NORRBOTTEN, FigureFilters(2019, 2022, "17")],
    ids=["everything", "2011-2013", "norrbotten", "varmland-2019-2022"],
)
def test_rows_add_up_to_the_total(data, compute, filters):
    table = compute(filters)
    assert table.rows_add_up
    for index, column in enumerate(table.columns):
        if column.unit is figures.Unit.PERCENT:
            continue
        assert sum(row.values[index] for row in table.rows) == table.total.values[index], column


def test_every_case_figure_has_the_same_total(data):
    for filters in (FigureFilters(), IN_YEARS, IN_NORRBOTTEN):
        totals = {
            key: figures.FIGURES[key].compute(filters).total.values[0]
            for key in figures.figure_keys(public_only=True)
            if key.startswith(("insatser", "insatsbidrag"))
        }
        assert len(set(totals.values())) == 1, totals


def test_grant_totals_agree_per_year_and_per_county(data):
    everything = FigureFilters()
    assert (
        figures.grants_per_year(everything).total.values
        == figures.grants_per_county(everything).total.values
    )


def test_each_figure_takes_a_fixed_number_of_queries(data, django_assert_max_num_queries):
    for key in figures.figure_keys(public_only=False):
        with django_assert_max_num_queries(10):
            figures.FIGURES[key].compute(FigureFilters())


def test_share_rounds_half_up():
    assert share(1, 8) == 13  # 12.5
    assert share(1, 3) == 33
    assert share(2, 3) == 67
    assert share(0, 5) == 0
    assert share(0, 0) is None


# -- Filter form --------------------------------------------------------------------------------


def parse(query: str):
    form = FigureFilterForm(QueryDict(query))
    return form.filters, form.notices


def test_form_reads_years_and_county():
    filters, notices = parse("fran=2019&till=2022&lan=17")
    assert filters == FigureFilters(2019, 2022, "17")
    assert notices == []


def test_form_without_input_means_no_filters():
    assert parse("") == (FigureFilters(), [])
    assert parse("fran=&till=+&lan=") == (FigureFilters(), [])


@pytest.mark.parametrize(
    "query, expected",
    [
        ("fran=abc", FigureFilters()),
        ("till=2020.5", FigureFilters()),
        ("fran=-2019", FigureFilters()),
        ("fran=²", FigureFilters()),
        ("fran=２０２０", FigureFilters()),
        ("fran=" + "9" * 500, FigureFilters()),
        ("fran=1999", FigureFilters(year_from=2000)),
        ("till=3000", FigureFilters(year_to=2100)),
        ("lan=99", FigureFilters()),
        ("lan=<script>", FigureFilters()),
        ("fran=2022&till=2019", FigureFilters(2019, 2022)),
    ],
)
def test_form_ignores_or_corrects_bad_input_with_a_notice(query, expected):
    filters, notices = parse(query)
    assert filters == expected
    assert len(notices) == 1


def test_form_notices_name_the_problem():
    _filters, notices = parse("fran=abc&till=1999&lan=99")
    assert len(notices) == 3
    assert "abc" in notices[0]
    assert "1999" in notices[1] and "2000" in notices[1]
    assert "99" in notices[2]


def test_form_shows_the_filters_in_use_not_the_raw_input():
    form = FigureFilterForm.showing(FigureFilters(2019, 2022, "17"))
    html = str(form["fran"]) + str(form["lan"])
    assert 'value="2019"' in html
    assert '<option value="17" selected>' in html


# -- Registry -----------------------------------------------------------------------------------


def test_the_registry_builds_each_table_in_the_active_language(data):
    with translation.override("sv"):
        table = figures.cases_per_county(IN_YEARS)
    assert table.key == "insatser-per-lan"
    assert table.title == "Insatser per län"
    assert table.code_column.label == "Länskod"
    # Plain text, not lazy: downloads and caches get the words, not a translation proxy.
    assert type(table.title) is str and type(table.code_column.label) is str
    assert figures.FIGURES["insatser-per-lan"].compute(IN_YEARS) == figures.cases_per_county(
        IN_YEARS
    )
