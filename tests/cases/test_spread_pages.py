"""How practice spreads (issue #17.1) where readers see it: the case page, /statistik/spridning/,
the figure downloads and the case exports."""

import pytest

from cases.models import CaseInspiration, MunicipalityPage
from core.content_version import bump_content_version
from tests.factories import make_case


def _inspired(parent, source, **overrides):
    return make_case(
        parent, inspired_by=[{"slug": source.slug}], sources={source.slug: source}, **overrides
    )


@pytest.fixture
def hofors(db):
    return MunicipalityPage.objects.get(municipality__code="2104")


def _spread_section(html: str) -> str:
    start = html.find('id="spread-heading"')
    return html[start : html.find("</section>", start)] if start >= 0 else ""


@pytest.mark.django_db
def test_case_page_lists_the_municipalities_it_inspired(client, filipstad, ljusnarsberg, hofors):
    source = make_case(filipstad, title="Läxhjälp i Filipstad")
    taken_up = _inspired(ljusnarsberg, source, title="Läxhjälp i Ljusnarsberg")
    _inspired(hofors, taken_up, title="Läxhjälp i Hofors")
    _inspired(filipstad, source, title="Läxhjälp i en annan skola i Filipstad")

    section = _spread_section(client.get(source.url).content.decode())

    assert "Har inspirerat 2 kommuner" in section
    assert "Ljusnarsberg" in section and "Läxhjälp i Ljusnarsberg" in section
    assert "Hofors" in section and "Läxhjälp i Hofors" in section and "indirekt" in section
    assert "en annan skola i Filipstad" not in section  # its own municipality does not count
    assert f'href="{taken_up.url}"' in section
    assert 'role="img"' in section and "Gävleborg: 1" in section  # the map and its description


@pytest.mark.django_db
def test_a_case_that_inspired_nobody_shows_no_spread(client, filipstad):
    case = make_case(filipstad)

    assert 'id="spread-heading"' not in client.get(case.url).content.decode()


@pytest.mark.django_db
def test_english_case_page(client, filipstad, ljusnarsberg):
    source = make_case(filipstad)
    _inspired(ljusnarsberg, source)

    html = client.get("/en" + source.url).content.decode()

    assert "Has inspired 1 municipality" in html


@pytest.mark.django_db
def test_publishing_and_unpublishing_shows_on_the_next_anonymous_request(
    client, filipstad, ljusnarsberg
):
    source = make_case(filipstad)
    assert "Har inspirerat" not in client.get(source.url).content.decode()

    taken_up = _inspired(ljusnarsberg, source)
    assert "Har inspirerat 1 kommun" in client.get(source.url).content.decode()

    taken_up.unpublish()
    assert "Har inspirerat" not in client.get(source.url).content.decode()


@pytest.mark.django_db
def test_a_cycle_in_the_data_gives_a_page_not_an_error(client, filipstad, ljusnarsberg):
    first = make_case(filipstad)
    second = _inspired(ljusnarsberg, first)
    CaseInspiration.objects.create(page=first, source=second)
    bump_content_version()

    for case in (first, second):
        response = client.get(case.url)
        assert response.status_code == 200
        assert "Har inspirerat 1 kommun" in response.content.decode()
