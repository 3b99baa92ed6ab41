"""/statistik/ computes its figures once per content version (cases/views/statistics.py): the
next visitor's page reads them from the cache, and a publish shows in them at once."""

from datetime import date
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.figures import FigureFilters
from cases.models import CaseStudyPage, FollowUpUpdate
from cases.views.statistics import _tables
from tests.factories import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()  # every test's database starts at content version "0"
    yield
    cache.clear()


def _statistics(client, **params) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/statistik/", params)
    assert response.status_code == HTTPStatus.OK
    return response.content.decode(), len(queries)


def test_the_figures_are_computed_once_and_again_after_a_publish(client, filipstad):
    first, computing = _statistics(client)
    again, reading = _statistics(client)
    assert again == first
    # Computing runs a query or more per figure; reading only the page's frame.
    assert reading * 2 < computing, (reading, computing)

    public = CaseStudyPage.objects.live().public().count()
    assert f">{public}<" in first.replace("\xa0", "")
    make_case(filipstad, title="Ny insats i statistiken")
    after, recomputing = _statistics(client)
    assert f">{public + 1}<" in after.replace("\xa0", "")
    assert recomputing > reading


def test_each_filter_has_its_own_figures(client):
    unfiltered, _ = _statistics(client)
    filtered, _ = _statistics(client, fran="2030", till="2030")
    assert filtered != unfiltered
    assert _statistics(client, fran="2030", till="2030")[0] == filtered


def _follow_up_tables(today: date) -> dict:
    tables = _tables(FigureFilters(), public_only=True, today=today)
    return {table.key: table for table in tables if table.key.startswith("uppfoljda-")}


def test_the_follow_up_figures_move_to_the_new_year_although_content_is_unchanged(filipstad):
    case = make_case(filipstad, title="Insats med uppföljning 2031")
    FollowUpUpdate.objects.create(page=case, year=2031, text="Arbetet fortsätter.")

    december = _follow_up_tables(date(2031, 12, 31))
    january = _follow_up_tables(date(2032, 1, 1))

    years = [row.label for row in december["uppfoljda-insatser-per-ar"].rows]
    assert years[-1] == "2031"
    assert [row.label for row in january["uppfoljda-insatser-per-ar"].rows][-1] == "2032"
    # Per municipality: followed up last year, this year (the totals' 2nd and 4th values).
    per_municipality = "uppfoljda-insatser-per-kommun"
    assert december[per_municipality].total.values[3] >= 1
    assert january[per_municipality].total.values[1] >= 1
    assert january[per_municipality].total.values[3] == 0
