"""Downloads of the filtered case list: /sok/export.<format> with the search page's parameters."""

import csv
import io
import json
import re
import tracemalloc
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from http import HTTPStatus
from pathlib import Path

import pytest
from django.core.cache import cache
from django.http import QueryDict
from django.template.loader import render_to_string
from django.test import RequestFactory
from openpyxl import load_workbook

from cases.exchange.columns import CASE_COLUMNS, EXPORT_COLUMNS, LIST_SEPARATOR
from cases.exchange.writers import stream
from cases.models import public_cases
from search.documents import case_document
from search.forms import request_from_params
from search.request import MAX_PAGE_SIZE
from search.service import case_ids, database_engine, search_cases
from tests.factories import make_case

pytestmark = pytest.mark.django_db

KEYS = [column.key for column in EXPORT_COLUMNS]
README = Path(__file__).resolve().parents[3] / "README.md"


def _download(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return b"".join(response.streaming_content), response


def _csv(client, url, delimiter=","):
    content, response = _download(client, url)
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=delimiter))
    return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]], response


def _json(client, url):
    content, _ = _download(client, url)
    return json.loads(content)


def _listed_ids(query: str) -> list[int]:
    """Every case id /sok/ lists for the query string, page after page, in its order."""
    ids, page = [], 1
    while True:
        params = request_from_params(QueryDict(f"{query}&sida={page}"), page_size=MAX_PAGE_SIZE)
        result = search_cases(params)
        ids += [hit.page_id for hit in result.hits]
        if page >= result.page_count:
            return ids
        page += 1


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None)


def test_csv_is_utf8_with_bom_and_lists_every_published_case_once(client, filipstad):
    published = make_case(filipstad, title="Språkcafé på Åsen – fäder och söner")
    draft = make_case(filipstad, title="Utkast som aldrig publicerats", publish=False)

    header, rows, response = _csv(client, "/sok/export.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(
        r'attachment; filename="kunskapsbanken-insatser-\d{4}-\d{2}-\d{2}\.csv"',
        response["Content-Disposition"],
    )
    assert header == KEYS
    ids = [int(row["id"]) for row in rows]
    assert sorted(ids) == sorted(public_cases().values_list("pk", flat=True))
    assert draft.pk not in ids
    row = next(row for row in rows if int(row["id"]) == published.pk)
    assert row["titel"] == "Språkcafé på Åsen – fäder och söner"
    assert row["kommun"] == "Filipstad" and row["kommunkod"] == "1782"
    assert row["fokusomraden"] == "grundskola"
    assert row["startdatum"] == "2022-01-10" and row["slutdatum"] == ""
    assert row["url"] == f"http://testserver{published.url}"


def test_semicolon_variant_parses_with_semicolons(client, filipstad):
    make_case(filipstad, summary="Läxhjälp, mentorskap och lovskola, tre dagar i veckan.")

    header, rows, response = _csv(client, "/sok/export.semikolon.csv", delimiter=";")

    assert header == KEYS
    assert len(rows) == public_cases().count()
    assert any(row["sammanfattning"].startswith("Läxhjälp, mentorskap") for row in rows)
    assert response["Content-Disposition"].endswith('-semikolon.csv"')
    content, _ = _download(client, "/sok/export.semikolon.csv")
    assert content.decode("utf-8-sig").splitlines()[0] == ";".join(KEYS)


def test_formula_cells_are_neutralised(client, filipstad):
    case = make_case(filipstad, title='=HYPERLINK("https://skadlig.example","Klicka")')

    _, rows, _ = _csv(client, "/sok/export.csv")
    assert next(r for r in rows if int(r["id"]) == case.pk)["titel"].startswith("'=HYPERLINK")

    content, _ = _download(client, "/sok/export.xlsx")
    sheet = load_workbook(io.BytesIO(content)).active
    cell = next(
        row[KEYS.index("titel")] for row in sheet.iter_rows(min_row=2) if row[0].value == case.pk
    )
    assert cell.data_type == "s" and cell.value.startswith("'=HYPERLINK")


def test_xlsx_read_back_equals_the_database(client):
    content, response = _download(client, "/sok/export.xlsx")
    assert response["Content-Disposition"].endswith('.xlsx"')

    rows = list(
        load_workbook(io.BytesIO(content), read_only=True).active.iter_rows(values_only=True)
    )
    assert list(rows[0]) == KEYS
    by_id = {row[0]: dict(zip(KEYS, row, strict=True)) for row in rows[1:]}
    pages = public_cases().select_related("municipality")
    assert set(by_id) == {page.pk for page in pages}
    for page in pages:
        row = by_id[page.pk]
        keywords = sorted(keyword.name for keyword in page.keywords.all())
        expected = {
            "kommunkod": page.municipality.code,
            "kommun": page.municipality.name,
            "lan": page.municipality.county_name,
            "titel": page.title,
            "sammanfattning": page.summary,
            "fokusomraden": LIST_SEPARATOR.join(t.slug for t in page.themes.all()) or None,
            "nyckelord": LIST_SEPARATOR.join(keywords) or None,
            "malgrupper": LIST_SEPARATOR.join(g.slug for g in page.target_groups.all()) or None,
            "status": page.status,
            "bidrag_kr": page.grant_amount,
            "total_budget_kr": page.total_budget,
            "evidensniva": page.evidence_level,
            "utvarderingstyp": page.evaluation_kind,
            "kontaktperson": page.contact_name or None,
            "kontakt_telefon": page.contact_phone or None,
            "kontaktformular": (
                f"http://testserver/insats/{page.pk}/kontakta/" if page.contact_email else None
            ),
            "url": f"http://testserver{page.url}",
        }
        assert {key: row[key] for key in expected} == expected, page.title
        for key, value in (("startdatum", page.start_date), ("slutdatum", page.end_date)):
            assert (row[key].date() if row[key] else None) == value
        for key, value in (
            ("publicerad", page.first_published_at),
            ("senast_andrad", page.last_published_at),
        ):
            assert abs(row[key] - _utc(value)) < timedelta(seconds=1)  # Excel keeps milliseconds


def test_json_parses_and_equals_the_database(client):
    response = client.get("/sok/export.json")
    assert response["Content-Type"] == "application/json"
    records = _json(client, "/sok/export.json")
    pages = {page.pk: page for page in public_cases().select_related("municipality")}
    assert {record["id"] for record in records} == set(pages)
    for record in records:
        page = pages[record["id"]]
        assert list(record) == KEYS
        assert record["titel"] == page.title
        assert record["fokusomraden"] == [theme.slug for theme in page.themes.all()]
        assert record["nyckelord"] == sorted(keyword.name for keyword in page.keywords.all())
        assert record["bidrag_kr"] == page.grant_amount
        assert record["startdatum"] == (page.start_date.isoformat() if page.start_date else None)
        published = datetime.fromisoformat(record["publicerad"])
        assert published == page.first_published_at.replace(microsecond=0)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "tema=grundskola",
        "tema=grundskola&tema=vuxenutbildning",
        "lan=17",
        "status=completed",
        "status=ongoing&lan=17&lan=21",
        "kommun=1782",
        "nyckelord=skoln%C3%A4rvaro",
        "malgrupp=unga",
        "evidens=promising&evidens=evaluated_good",
        "fran=2021&till=2022",
        "fran=2024",
        "resultat=ja",
        "resultat=nej",
        "sortering=start",
        "q=brobyggare",
        "q=skola",
        "q=skola&tema=grundskola",
        "q=skola&sortering=nyast",
        "q=ingenting+alls+xyzzy",
    ],
)
def test_export_lists_what_the_search_page_lists_in_its_order(client, query):
    records = _json(client, f"/sok/export.json?{query}")
    assert [record["id"] for record in records] == _listed_ids(query)


def test_filters_narrow_the_list(client):
    everything = _json(client, "/sok/export.json")
    for query in [
        "tema=grundskola",
        "lan=17",
        "status=completed",
        "nyckelord=skoln%C3%A4rvaro",
        "malgrupp=unga",
        "fran=2024",
        "q=brobyggare",
    ]:
        narrowed = _json(client, f"/sok/export.json?{query}")
        assert 0 < len(narrowed) < len(everything), query
    completed = _json(client, "/sok/export.json?status=completed")
    assert {record["status"] for record in completed} == {"completed"}
    in_county = _json(client, "/sok/export.json?lan=17")
    assert {record["lan"] for record in in_county} == {"Värmlands län"}
    themed = _json(client, "/sok/export.json?tema=grundskola")
    assert all("grundskola" in record["fokusomraden"] for record in themed)


def test_a_case_with_several_matching_focus_areas_appears_once(filipstad):
    case = make_case(filipstad, themes=["grundskola", "vuxenutbildning"])
    criteria = request_from_params(QueryDict("tema=grundskola&tema=vuxenutbildning"))
    matching = list(case_ids(criteria))
    assert matching.count(case.pk) == 1


def test_active_years_follow_the_search_rule(filipstad):
    early = make_case(filipstad, start_date="2019-03-01", end_date="2020-06-30", status="completed")
    ongoing = make_case(filipstad, start_date="2021-09-01")
    undated = make_case(filipstad, start_date=None, status="planned")
    criteria = request_from_params(QueryDict(""))

    def matching(**years):
        return set(case_ids(replace(criteria, **years)))

    from_2021 = matching(year_from=2021)
    assert ongoing.pk in from_2021 and early.pk not in from_2021 and undated.pk not in from_2021
    up_to_2020 = matching(year_to=2020)
    assert early.pk in up_to_2020 and ongoing.pk not in up_to_2020 and undated.pk not in up_to_2020


def test_a_stale_index_entry_never_exports_a_draft(client, filipstad):
    draft = make_case(filipstad, title="Hemligt utkast om brobyggare", publish=False)
    database_engine().index([case_document(draft)])  # as if the index lagged behind
    assert draft.pk in _listed_ids("q=hemligt")

    records = _json(client, "/sok/export.json?q=hemligt")
    assert draft.pk not in [record["id"] for record in records]


@pytest.mark.parametrize(
    "query",
    [
        "fran=abc&till=",
        "till=99999999999999999999",
        "tema=%00",
        "status=<script>&evidens='--",
        "kommun=" + "9" * 500,
        "q=" + "å" * 5000,
        "q=%22%27*()&&||",
        "sida=-1&antal=100000",
        "sortering=okänd",
        "resultat=kanske",
    ],
)
def test_bad_filter_values_give_a_file_not_an_error(client, query):
    header, _, _ = _csv(client, f"/sok/export.csv?{query}")
    assert header == KEYS


@pytest.mark.parametrize("suffix", ["exe", "pdf", "csv.exe", "", "CSV"])
def test_unknown_formats_are_not_found(client, suffix):
    assert client.get(f"/sok/export.{suffix}").status_code == HTTPStatus.NOT_FOUND


def test_control_characters_do_not_break_the_excel_file(client, filipstad):
    case = make_case(filipstad, title="Rubrik\x0bmed tecken från Word", summary="Rad\x01ett")
    content, _ = _download(client, "/sok/export.xlsx")
    sheet = load_workbook(io.BytesIO(content)).active
    row = next(row for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] == case.pk)
    assert row[KEYS.index("titel")] == "Rubrikmed tecken från Word"


def test_downloads_are_rate_limited(client, settings):
    settings.SEARCH_RATE_LIMIT_PER_MINUTE = 2
    cache.clear()
    try:
        assert client.get("/sok/export.csv").status_code == HTTPStatus.OK
        assert client.get("/sok/export.json").status_code == HTTPStatus.OK
        response = client.get("/sok/export.csv")
        assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
        assert int(response["Retry-After"]) > 0
    finally:
        cache.clear()


def test_queries_do_not_grow_with_the_number_of_cases(client, django_assert_max_num_queries):
    assert public_cases().count() > 40
    with django_assert_max_num_queries(12):
        _download(client, "/sok/export.csv")


def test_a_download_ignores_unknown_filter_values_as_the_page_does(client):
    """/sok/?lan=abc lists every case with a notice; its download must hold the same cases."""
    everything = _json(client, "/sok/export.json")
    assert _json(client, "/sok/export.json?lan=abc") == everything
    in_county = _json(client, "/sok/export.json?lan=17&lan=abc")
    assert in_county == _json(client, "/sok/export.json?lan=17")
    assert 0 < len(in_county) < len(everything)


def test_export_links_keep_the_search_query():
    request = RequestFactory().get("/sok/", {"q": "läxhjälp", "tema": "grundskola"})
    html = render_to_string("cases/includes/export_links.html", request=request)
    for suffix in ["csv", "semikolon.csv", "xlsx", "json"]:
        assert f'href="/sok/export.{suffix}?q=l%C3%A4xhj%C3%A4lp&amp;tema=grundskola"' in html
    bare = render_to_string(
        "cases/includes/export_links.html", request=RequestFactory().get("/sok/")
    )
    assert 'href="/sok/export.csv"' in bare


def test_readme_documents_every_column():
    readme = README.read_text()
    for column in CASE_COLUMNS:
        assert f"| `{column.key}` | {column.kind} |" in readme, column.key


# Memory: a writer streams. The bound is four times the highest peak measured on 2026-11-27
# (CSV 0.14 MB, JSON 0.02 MB, XLSX 0.48 MB, about the same for 1,000 or 20,000 rows) and well
# below what buffering would take: the CSV file of 10,000 rows is 4.2 MB, the JSON file of 5,000
# rows 3.9 MB, and 1,000 rows in an ordinary (not write-only) openpyxl workbook 6.5 MB.
MEMORY_BOUND = 2_000_000
GENERATED_ROWS = {"csv": 10_000, "json": 5_000, "xlsx": 1_000}


def _generated_rows(count):
    published = datetime(2024, 1, 1, tzinfo=UTC)
    for number in range(1, count + 1):
        yield {
            "id": number,
            "kommunkod": "1782",
            "kommun": "Filipstad",
            "lan": "Värmlands län",
            "titel": f"Läxhjälp på biblioteket för unga, del {number}",
            "sammanfattning": f"Läxhjälp för {number} elever; närvaron ökade och fler nådde målen.",
            "fokusomraden": ["grundskola", "fritid"],
            "nyckelord": ["läxhjälp", f"ord-{number % 97}"],
            "malgrupper": ["unga"],
            "status": "ongoing",
            "startdatum": date(2020, 1, 1) + timedelta(days=number % 2000),
            "slutdatum": None,
            "bidrag_kr": 100_000 + number,
            "total_budget_kr": 200_000 + number,
            "evidensniva": "promising",
            "utvarderingstyp": "internal_follow_up",
            "kontaktperson": "Samordnare",
            "kontakt_telefon": "0590-123 45",
            "kontaktformular": f"https://kunskapsbanken.example/insats/{number}/kontakta/",
            "url": f"https://kunskapsbanken.example/kommuner/filipstad/insats-{number}/",
            "publicerad": published + timedelta(minutes=number),
            "senast_andrad": published + timedelta(minutes=2 * number),
        }


@pytest.mark.parametrize("format_key", GENERATED_ROWS)
def test_streaming_a_large_export_stays_within_a_memory_bound(format_key):
    rows = GENERATED_ROWS[format_key]
    tracemalloc.start()
    try:
        size = sum(
            len(chunk) for chunk in stream(format_key, EXPORT_COLUMNS, _generated_rows(rows))
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert size > 0
    assert peak < MEMORY_BOUND, f"{format_key}: {rows} rows peaked at {peak / 1e6:.2f} MB"
