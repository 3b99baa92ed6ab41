import pytest

from cases.models import Municipality
from cases.municipality_list import (
    MunicipalityListError,
    load_municipalities,
    parse_municipalities,
    read_official_list,
)

HEADER = "municipality_code,municipality_name,county_code,county_name\n"


def test_the_shipped_list_has_290_municipalities_in_21_counties():
    records = read_official_list()
    assert len(records) == 290
    assert len({record.county_code for record in records}) == 21
    assert len({record.slug for record in records}) == 290


def test_names_that_fold_to_the_same_slug_both_get_their_code():
    slugs = {record.name: record.slug for record in read_official_list()}
    assert slugs["Håbo"] == "habo-0305"
    assert slugs["Habo"] == "habo-0643"
    assert slugs["Malmö"] == "malmo"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("114,Upplands Väsby,01,Stockholms län", "malformed code"),
        ("0114,Upplands Väsby,02,Stockholms län", "code not in its county"),
        ("0114,,01,Stockholms län", "missing name"),
    ],
)
def test_malformed_lines_are_reported_with_their_line_number(line, problem):
    with pytest.raises(MunicipalityListError, match=f"Line 2: {problem}"):
        parse_municipalities([HEADER, line + "\n"])


def test_duplicate_codes_are_rejected():
    line = "0114,Upplands Väsby,01,Stockholms län\n"
    with pytest.raises(MunicipalityListError, match="duplicate code 0114"):
        parse_municipalities([HEADER, line, line])


def test_wrong_columns_are_rejected():
    with pytest.raises(MunicipalityListError, match="Expected columns"):
        parse_municipalities(["kod,namn\n", "0114,Upplands Väsby\n"])


@pytest.mark.django_db
def test_loading_twice_changes_nothing_and_updates_renamed_rows():
    assert Municipality.objects.count() == 290
    assert load_municipalities(read_official_list()) == (0, 0)

    Municipality.objects.filter(code="1782").update(name="Felstavat")
    assert load_municipalities(read_official_list()) == (0, 1)
    assert Municipality.objects.get(code="1782").name == "Filipstad"
    assert Municipality.objects.values("county_code").distinct().count() == 21
