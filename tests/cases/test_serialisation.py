"""One serialisation of a case: the API document, the open-data record and the export row of
the same case say the same thing, each in its own keys and formats."""

import json

import pytest

from cases.exchange.case_rows import PageUrls, case_row
from cases.exchange.columns import CASE_COLUMNS
from cases.exchange.open_data_records import case_pages, case_record
from cases.models import public_cases

pytestmark = pytest.mark.django_db

BASE_URL = "http://testserver"


@pytest.fixture
def rich_case():
    """A demo case with indicators, partners and keywords: every part has something to say."""
    page = (
        public_cases()
        .filter(indicators__isnull=False, partners__isnull=False, keywords__isnull=False)
        .order_by("pk")
        .first()
    )
    assert page is not None
    return case_pages().get(pk=page.pk)


def test_every_column_has_a_field_of_its_own():
    fields = [column.field for column in CASE_COLUMNS]
    assert len(set(fields)) == len(fields)


def test_api_open_data_and_export_agree(client, rich_case):
    urls = PageUrls(BASE_URL)
    row = case_row(rich_case, urls)
    record = case_record(rich_case, urls)
    api = json.loads(client.get(f"/api/v1/insatser/{rich_case.pk}/").content)

    assert api["title"] == record["titel"] == row["titel"]
    assert api["url"] == record["url"] == row["url"]
    assert api["municipality"]["code"] == record["kommunkod"] == row["kommunkod"]
    assert [theme["slug"] for theme in api["themes"]] == record["fokusomraden"]
    assert api["keywords"] == record["nyckelord"] == row["nyckelord"]
    assert api["grant_amount_sek"] == record["bidrag_kr"] == row["bidrag_kr"]
    assert api["start_date"] == record["startdatum"]
    assert api["evidence"]["level"] == record["evidensniva"]
    assert api["contact"]["contact_url"] == record["kontaktformular"] == row["kontaktformular"]
    assert api["contact"]["contactable"] == record["kontaktbar"]
    assert [(i["name"], i["year"]) for i in api["indicators"]] == [
        (i["namn"], i["ar"]) for i in record["indikatorer"]
    ]
    assert [p["name"] for p in api["partners"]] == [p["namn"] for p in record["partner"]]
    assert [link["id"] for link in api["inspired_by"]] == [
        link["id"] for link in record["inspirerad_av"]
    ]
