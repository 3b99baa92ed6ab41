"""/statistik/ computes its figures once per content version (cases/views/statistics.py): the
next visitor's page reads them from the cache, and a publish shows in them at once."""

from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import CaseStudyPage
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
