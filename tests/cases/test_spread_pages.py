"""How practice spreads (issue #17.1) where readers see it: the case page, /statistik/spridning/,
the figure downloads and the case exports."""

import pytest

from cases.models import CaseInspiration, MunicipalityPage
from core.content_version import bump_content_version
from tests.factories import make_case, make_inspired_case


def _spread_section(html: str) -> str:
    start = html.find('id="spread-heading"')
    return html[start : html.find("</section>", start)] if start >= 0 else ""


@pytest.mark.django_db
def test_case_page_lists_the_municipalities_it_inspired(client, filipstad, ljusnarsberg, hofors):
    source = make_case(filipstad, title="Läxhjälp i Filipstad")
    taken_up = make_inspired_case(ljusnarsberg, source, title="Läxhjälp i Ljusnarsberg")
    make_inspired_case(hofors, taken_up, title="Läxhjälp i Hofors")
    make_inspired_case(filipstad, source, title="Läxhjälp i en annan skola i Filipstad")

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
    make_inspired_case(ljusnarsberg, source)

    html = client.get("/en" + source.url).content.decode()

    assert "Has inspired 1 municipality" in html


@pytest.mark.django_db
def test_publishing_and_unpublishing_shows_on_the_next_anonymous_request(
    client, filipstad, ljusnarsberg
):
    source = make_case(filipstad)
    assert "Har inspirerat" not in client.get(source.url).content.decode()

    taken_up = make_inspired_case(ljusnarsberg, source)
    assert "Har inspirerat 1 kommun" in client.get(source.url).content.decode()

    taken_up.unpublish()
    assert "Har inspirerat" not in client.get(source.url).content.decode()


@pytest.mark.django_db
def test_a_cycle_in_the_data_gives_a_page_not_an_error(client, filipstad, ljusnarsberg):
    first = make_case(filipstad)
    second = make_inspired_case(ljusnarsberg, first)
    CaseInspiration.objects.create(page=first, source=second)
    bump_content_version()

    for case in (first, second):
        response = client.get(case.url)
        assert response.status_code == 200
        assert "Har inspirerat 1 kommun" in response.content.decode()


# -- /statistik/spridning/ and the figure downloads ------------------------------------------------


@pytest.fixture
def spread_chain(filipstad, ljusnarsberg, hofors):
    """A practice from Filipstad taken up in Ljusnarsberg, and from there in Hofors."""
    source = make_case(filipstad, title="Spridd läxhjälp")
    taken_up = make_inspired_case(ljusnarsberg, source, title="Läxhjälp efter Filipstad")
    make_inspired_case(hofors, taken_up, title="Läxhjälp efter Ljusnarsberg")
    return source


@pytest.mark.django_db
def test_spread_page_ranks_practices_and_draws_the_network(client, spread_chain):
    response = client.get("/statistik/spridning/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Så sprids arbetssätt</h1>" in html
    row = html[html.find(f'href="{spread_chain.url}"') :]
    assert row.startswith(f'href="{spread_chain.url}"')
    assert "Spridd läxhjälp" in row[: row.find("</tr>")]
    assert '<td class="num">2</td><td class="num">1</td>' in row[: row.find("</tr>")]
    network = html[html.find('id="network"') :]
    assert 'role="img" aria-labelledby="network network-summary"' in network
    assert "<li>Ljusnarsberg</li>" in network and "<path d=" in network  # names and arcs
    assert "<td>Filipstad</td><td>Ljusnarsberg</td>" in network  # the table alternative
    assert "<td>Ljusnarsberg</td><td>Hofors</td>" in network


@pytest.mark.django_db
def test_spread_page_in_english(client, spread_chain):
    html = client.get("/en/statistik/spridning/").content.decode()

    assert "How practice spreads" in html and "Links between municipalities" in html


@pytest.mark.django_db
def test_statistics_page_links_to_the_spread_page(client, spread_chain):
    html = client.get("/statistik/").content.decode()

    assert 'href="/statistik/spridning/"' in html  # in the menu of figures
    assert 'id="lankar-mellan-kommuner"' not in html  # the full figure has its own page


@pytest.mark.django_db
def test_figure_downloads_carry_the_spread(client, spread_chain):
    practices = client.get("/statistik/export/mest-spridda-arbetssatt.csv")
    links = client.get("/statistik/export/lankar-mellan-kommuner.csv")

    practices_csv = b"".join(practices.streaming_content).decode("utf-8-sig")
    links_csv = b"".join(links.streaming_content).decode("utf-8-sig")
    assert "inspirerat_kommuner" in practices_csv.splitlines()[0]
    assert any(
        line.startswith("1782") and "Spridd läxhjälp" in line and line.endswith(",2,1")
        for line in practices_csv.splitlines()
    )
    assert "1782-1864" in links_csv and "Filipstad → Ljusnarsberg" in links_csv


@pytest.mark.django_db
def test_the_spread_page_follows_a_publish(client, filipstad, ljusnarsberg):
    source = make_case(filipstad, title="Ny praktik i Filipstad")
    assert "Ny praktik i Filipstad" not in client.get("/statistik/spridning/").content.decode()

    make_inspired_case(ljusnarsberg, source)

    assert "Ny praktik i Filipstad" in client.get("/statistik/spridning/").content.decode()


# -- Exports and open data ------------------------------------------------------------------------


@pytest.mark.django_db
def test_case_exports_and_open_data_count_the_municipalities_inspired(spread_chain):
    from cases.exchange.case_rows import PageUrls, case_rows
    from cases.exchange.open_data_records import case_records
    from cases.models import public_cases

    urls = PageUrls("https://kunskapsbanken.example")
    rows = {row["id"]: row for row in case_rows(public_cases().order_by("pk"), urls)}
    records = {record["id"]: record for record in case_records(urls)}

    assert rows[spread_chain.pk]["inspirerat_kommuner"] == 2
    assert records[spread_chain.pk]["inspirerat_kommuner"] == 2
    never = make_case(MunicipalityPage.objects.get(municipality__code="1782"))
    assert {row["id"]: row for row in case_rows(public_cases(), urls)}[never.pk][
        "inspirerat_kommuner"
    ] == 0


@pytest.mark.django_db
def test_the_case_list_download_has_the_column(client, spread_chain):
    response = client.get("/sok/export.csv")

    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "inspirerat_kommuner" in content.splitlines()[0].split(",")


@pytest.mark.django_db
def test_a_county_filter_counts_the_practices_from_that_county(client, spread_chain):
    response = client.get("/statistik/export/lankar-mellan-kommuner.csv", {"lan": "17"})

    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "1782-1864" in content  # from Filipstad, in Värmland
    assert "1864-2104" not in content  # from Ljusnarsberg, in Örebro län
