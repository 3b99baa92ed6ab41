"""/statistik/, its downloads and the staff follow-up report in the admin."""

import csv
import io
import json
import re
from http import HTTPStatus

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cases import figures
from cases.figure_exports import export_rows
from cases.figures import FigureFilters
from cases.spread_figures import KEYS as SPREAD_KEYS
from tests.cases.figure_data import NORRBOTTEN, figure_data_for_module

pytestmark = pytest.mark.django_db

BOM = "\ufeff"
IN_NORRBOTTEN = {"lan": NORRBOTTEN, "fran": "2011", "till": "2013"}
NORRBOTTEN_FILTERS = FigureFilters(2011, 2013, NORRBOTTEN)
PUBLIC = figures.figure_keys(public_only=True)
STAFF_ONLY = [key for key in figures.FIGURES if key not in PUBLIC]
# Those have /statistik/spridning/ and /om/evidensnivaer/.
ON_PAGE = [key for key in PUBLIC if key not in (*SPREAD_KEYS, figures.EVIDENCE_FIGURE)]


@pytest.fixture(scope="module")
def data(django_db_setup, django_db_blocker):
    with figure_data_for_module(django_db_blocker) as data:
        yield data


def page(client, **params) -> str:
    response = client.get(reverse("statistics"), params)
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def section(html: str, key: str) -> str:
    match = re.search(
        rf'<section class="figure" aria-labelledby="{key}">(.*?)</section>', html, re.S
    )
    assert match, key
    return match.group(1)


def download(client, url_name: str, key: str, format_key: str, params=None):
    response = client.get(reverse(url_name, args=[key, format_key]), params or {})
    assert response.status_code == HTTPStatus.OK, response.status_code
    return response, b"".join(response.streaming_content)


def test_page_has_every_public_figure_and_no_staff_figure(client, data):
    html = page(client)
    for key in ON_PAGE:
        assert f'<h2 id="{key}">' in html
    for key in STAFF_ONLY:
        assert f'id="{key}"' not in html


@pytest.mark.parametrize("key", ON_PAGE)
def test_each_chart_has_a_text_alternative_and_a_table_after_it(client, data, key):
    html = section(page(client), key)
    chart = re.search(r'<div [^>]*role="img"[^>]*>', html).group(0)
    assert f'aria-labelledby="{key} {key}-summary"' in chart
    summary = re.search(rf'<p class="figure-summary" id="{key}-summary">(.+?)</p>', html)
    assert summary and summary.group(1).strip()
    assert html.index(chart) < html.index(f'<caption id="{key}-caption">')
    assert '<th scope="col"' in html and "<tfoot>" in html


def test_county_figures_are_a_map_with_bars_for_narrow_screens(client, data):
    html = section(page(client), "insatser-per-lan")
    assert html.count('role="img"') == 2
    assert 'class="figure-map"' in html and "figure-bars--narrow" in html
    assert html.count('<rect x="0"') <= 21  # bars only for counties with cases


def test_filtered_page_shows_the_fixture_numbers_in_swedish_format(client, data):
    html = page(client, **IN_NORRBOTTEN)
    county = section(html, "bidrag-per-lan")
    assert '<th scope="row">Norrbottens län</th>' in county
    assert "1\xa0850\xa0000 kr" in county
    assert "Norrbottens län, 2011–2013" in html
    status = section(html, "insatser-per-status")
    total = re.search(r"<tfoot>.*?</tfoot>", status, re.S).group(0)
    assert '<td class="num">3</td>' in total  # A, B and C


def test_filtered_pages_are_not_indexed(client, data):
    assert "X-Robots-Tag" not in client.get(reverse("statistics")).headers
    filtered = client.get(reverse("statistics"), IN_NORRBOTTEN)
    assert filtered.headers["X-Robots-Tag"] == "noindex"


@pytest.mark.parametrize(
    "params",
    [
        {"fran": "abc", "till": "²", "lan": "<script>alert(1)</script>"},
        {"fran": "9" * 400},
        {"fran": "2030", "till": "2010"},
        {"lan": ["17", "99"]},
    ],
)
def test_bad_filters_give_a_notice_not_an_error(client, data, params):
    response = client.get(reverse("statistics"), params)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert '<div class="notice" role="status">' in html
    assert "<script>alert" not in html


def test_download_links_keep_the_filters(client, data):
    html = section(page(client, **IN_NORRBOTTEN), "insatser-per-lan")
    links = re.findall(r'href="([^"]+)" download', html)
    assert len(links) == 4
    for link in links:
        assert link.startswith("/statistik/export/insatser-per-lan.")
        assert "lan=25" in link and "fran=2011" in link and "till=2013" in link


def test_column_definitions_are_on_the_page(client, data):
    html = section(page(client), "bidrag-per-ar")
    assert "<code>tilldelat_bidrag_kr</code>" in html


# -- Downloads ----------------------------------------------------------------------------------


def test_csv_is_utf8_with_bom_and_commas(client, data):
    response, body = download(client, "statistics_export", "insatser-per-lan", "csv", IN_NORRBOTTEN)
    assert body.startswith(BOM.encode())
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == ["lankod", "lan", "antal_insatser"]
    assert rows[1] == [NORRBOTTEN, "Norrbottens län", "3"]
    assert rows[-1][2] == "3"


def test_semicolon_csv_for_swedish_excel(client, data):
    _response, body = download(
        client, "statistics_export", "bidrag-per-ar", "csv-semikolon", IN_NORRBOTTEN
    )
    text = body.decode("utf-8")
    assert text.startswith(BOM + "ar;tilldelat_bidrag_kr\r\n")
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM)), delimiter=";"))
    assert rows[1:] == [["2011", "1000000"], ["2012", "850000"], [rows[-1][0], "1850000"]]


def test_xlsx_reads_back_as_the_figure(client, data):
    _response, body = download(
        client, "statistics_export", "insatsbidrag-per-fokusomrade", "xlsx", IN_NORRBOTTEN
    )
    sheet = load_workbook(io.BytesIO(body)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    table = figures.case_grants_per_focus_area(NORRBOTTEN_FILTERS)
    keys = [
        "fokusomrade_kod",
        "fokusomrade",
        "antal_insatser",
        "insatser_med_belopp",
        "bidrag_i_insatser_kr",
    ]
    assert rows[0] == keys
    # openpyxl reads an empty text cell (the total row's code) back as None
    expected = [
        [record[key] if record[key] != "" else None for key in keys]
        for record in export_rows(table)
    ]
    assert rows[1:] == expected
    grundskola = next(row for row in rows if row[0] == "grundskola")
    assert grundskola[2:] == [2, 2, 350_000]


def test_json_parses_with_numbers_as_numbers(client, data):
    response, body = download(
        client, "statistics_export", "insatser-per-status", "json", IN_NORRBOTTEN
    )
    assert response["Content-Type"] == "application/json"
    records = json.loads(body)
    assert records[0] == {
        "status_kod": "planned",
        "status": records[0]["status"],
        "antal_insatser": 1,
    }
    assert records[-1]["antal_insatser"] == 3
    assert len(records) == 5  # four statuses and the total


def test_file_name_is_ascii_and_tells_the_filters(client, data):
    response, _body = download(
        client, "statistics_export", "insatser-per-lan", "csv-semikolon", IN_NORRBOTTEN
    )
    disposition = response["Content-Disposition"]
    assert disposition.startswith(
        'attachment; filename="kunskapsbanken-statistik-insatser-per-lan-'
    )
    assert re.search(r"-lan-25-2011-2013-\d{4}-\d{2}-\d{2}\.csv\"$", disposition)
    assert disposition.isascii()


def test_workbook_has_a_sheet_per_public_figure_and_the_column_definitions(client, data):
    response = client.get(reverse("statistics_workbook"), IN_NORRBOTTEN)
    assert response.status_code == HTTPStatus.OK
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == [*PUBLIC, "kolumner"]
    per_county = [list(row) for row in workbook["bidrag-per-lan"].iter_rows(values_only=True)]
    assert per_county[1][1:] == ["Norrbottens län", 1_850_000]
    definitions = list(workbook["kolumner"].iter_rows(values_only=True))
    assert definitions[0] == ("figur", "titel", "kolumn", "beskrivning")
    assert ("bidrag-per-lan", "tilldelat_bidrag_kr") in {(row[0], row[2]) for row in definitions}


@pytest.mark.parametrize(
    "key, format_key",
    [
        ("publiceringslage", "csv"),  # staff only
        ("insatser-per-lan", "pdf"),
        ("insatser-per-lan", "jsonl"),
        ("finns-inte", "csv"),
    ],
)
def test_unknown_or_staff_only_downloads_are_not_found(client, data, key, format_key):
    response = client.get(reverse("statistics_export", args=[key, format_key]))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_download_with_bad_filters_still_works(client, data):
    _response, body = download(
        client, "statistics_export", "insatser-per-lan", "csv", {"fran": "x", "lan": "ö"}
    )
    assert body.startswith(BOM.encode())
    assert len(body.decode("utf-8-sig").splitlines()) == 1 + 21 + 1


# -- Staff report -------------------------------------------------------------------------------

REPORT = "/admin/reports/uppfoljning/"


def test_moderator_sees_every_figure(client, data, moderator):
    client.force_login(moderator)
    response = client.get(REPORT, IN_NORRBOTTEN)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    for key in figures.FIGURES:
        assert f'<h2 id="{key}">' in html
    overview = section(html, "kommuner-insatser-och-bidrag")
    assert re.search(
        r'<th scope="row">Kiruna</th>\s*<td class="num">2</td>\s*<td class="num">1</td>', overview
    )


def test_moderator_downloads_staff_figures(client, data, moderator):
    client.force_login(moderator)
    _response, body = download(
        client, "follow_up_report_export", "publiceringslage", "json", IN_NORRBOTTEN
    )
    states = {record["kod"]: record["antal_sidor"] for record in json.loads(body)[:-1]}
    assert states == {
        "publicerad": 3,
        "publicerad_andring_granskas": 0,
        "publicerad_begransad": 0,
        "granskas": 1,
        "utkast": 1,
    }
    workbook = client.get(reverse("follow_up_report_workbook"))
    assert workbook.status_code == HTTPStatus.OK
    sheets = load_workbook(io.BytesIO(b"".join(workbook.streaming_content))).sheetnames
    assert set(STAFF_ONLY) < set(sheets)


def test_superuser_sees_the_report(admin_client, data):
    assert admin_client.get(REPORT).status_code == HTTPStatus.OK


def test_municipality_editor_is_refused(client, data, filipstad_editor):
    """Wagtail turns the refusal into a redirect to the dashboard with a 'no permission' message."""
    client.force_login(filipstad_editor)
    for url in (
        REPORT,
        reverse("follow_up_report_export", args=["publiceringslage", "csv"]),
        reverse("follow_up_report_workbook"),
    ):
        response = client.get(url)
        assert response.status_code == HTTPStatus.FOUND, url
        assert response["Location"] == reverse("wagtailadmin_home")


def test_anonymous_visitor_is_sent_to_login(client, data):
    for url in (REPORT, reverse("follow_up_report_workbook")):
        response = client.get(url)
        assert response.status_code == HTTPStatus.FOUND
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_report_is_in_the_reports_menu_for_moderators_only(
    client, data, moderator, filipstad_editor
):
    client.force_login(moderator)
    assert REPORT in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(filipstad_editor)
    assert REPORT not in client.get(reverse("wagtailadmin_home")).content.decode()
