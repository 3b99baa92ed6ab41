"""Every row of an import is checked before anything is written; each error names its column and
the value, in the report language (Swedish)."""

import pytest
from django.core.management import call_command
from django.utils import translation
from wagtail.models import Page, PageLogEntry, Revision

from cases.exchange.import_rows import ImportContext, RowState, validate_rows
from cases.exchange.reading import SourceRow, Table
from cases.exchange.template import EXAMPLE_ROW
from cases.models import ImportBatch
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def row(**overrides) -> dict:
    values = {
        "kommunkod": "1782",
        "titel": "Språkstöd i förskolan",
        "sammanfattning": "Förskolorna arbetar med språkstöd för barn med annat modersmål.",
        "fokusomraden": "grundskola",
        "nyckelord": "språkutveckling; förskola",
        "malgrupper": "barn",
        "status": "ongoing",
        "startdatum": "2023-01-09",
        "slutdatum": "",
        "bidrag_kr": "400000",
        "total_budget_kr": "650000",
        "evidensniva": "",
        "utvarderingstyp": "",
        "kontaktperson": "",
        "kontakt_epost": "",
        "kontakt_telefon": "",
    }
    values.update(overrides)
    return values


def check(*rows: dict, context=None):
    table = Table(rows=[SourceRow(number, values) for number, values in enumerate(rows, start=2)])
    with translation.override("sv"):
        return validate_rows(table, context or ImportContext.load())


def errors_of(report, number=2) -> list[tuple[str, str]]:
    [result] = [result for result in report.rows if result.number == number]
    return [(error.column, error.message) for error in result.errors]


def the_error(report, column: str) -> str:
    messages = [message for key, message in errors_of(report) if key == column]
    assert len(messages) == 1, errors_of(report)
    return messages[0]


def test_a_valid_row_becomes_the_case_builder_dictionary():
    report = check(row(fokusomraden="Grundskola; INTEGRATION-NYANLANDA", malgrupper="Barn"))
    [result] = report.rows
    assert result.state is RowState.VALID
    assert result.spec == {
        "municipality": "1782",
        "title": "Språkstöd i förskolan",
        "summary": "Förskolorna arbetar med språkstöd för barn med annat modersmål.",
        "themes": ["grundskola", "integration-nyanlanda"],
        "keywords": ["språkutveckling", "förskola"],
        "target_groups": ["barn"],
        "status": "ongoing",
        "start_date": "2023-01-09",
        "end_date": None,
        "grant_amount": 400_000,
        "total_budget": 650_000,
        "evidence_level": "not_evaluated",
        "evaluation_kind": "none",
        "contact": {"name": "", "email": "", "phone": ""},
    }
    assert report.can_import


def test_unknown_municipality_code_names_the_code():
    message = the_error(check(row(kommunkod="9999")), "kommunkod")
    assert "9999" in message
    assert "ingen kommun" in message


def test_a_municipality_that_does_not_take_part_yet_is_an_error_naming_it():
    message = the_error(check(row(kommunkod="0180")), "kommunkod")  # Stockholm: no page
    assert "Stockholm" in message
    assert "0180" in message
    assert "inte med i Kunskapsbanken" in message


def test_a_three_digit_code_gets_back_the_leading_zero_excel_removed(filipstad):
    report = check(row(kommunkod="180"))
    assert "0180" in the_error(report, "kommunkod")  # read as 0180, which has no page


@pytest.mark.parametrize("value", ["2024-13-01", "15/8/2024", "2024-8-15", "igår"])
def test_bad_dates_name_the_value(value):
    message = the_error(check(row(startdatum=value)), "startdatum")
    assert value in message
    assert "inte ett datum" in message


def test_a_date_with_a_midnight_time_is_accepted():
    [result] = check(row(startdatum="2023-01-09 00:00:00")).rows
    assert result.spec["start_date"] == "2023-01-09"


@pytest.mark.parametrize(
    ("text", "amount"),
    [("2100000", 2_100_000), ("2 100 000", 2_100_000), ("2\u00a0100\u00a0000 kr", 2_100_000)],
)
def test_amounts_accept_thousands_spaces_and_kr(text, amount):
    [result] = check(row(bidrag_kr=text, total_budget_kr="3000000")).rows
    assert result.spec["grant_amount"] == amount


@pytest.mark.parametrize("value", ["12,5", "2100000.50", "abc", "2 miljoner", "1e6"])
def test_amounts_that_are_not_whole_kronor_name_the_value(value):
    message = the_error(check(row(bidrag_kr=value, total_budget_kr="")), "bidrag_kr")
    assert value in message
    assert "helt antal kronor" in message


def test_an_absurd_amount_is_refused_rather_than_overflowing_the_database():
    message = the_error(check(row(total_budget_kr="9" * 25)), "total_budget_kr")
    assert "9" * 25 in message


def test_amount_rules_are_the_editors_rules_with_their_swedish_wording():
    report = check(row(bidrag_kr="-5", total_budget_kr="100"))
    assert the_error(report, "bidrag_kr") == "Bidragsbeloppet kan inte vara negativt."
    report = check(row(bidrag_kr="500", total_budget_kr="100"))
    assert "totala budgeten" in the_error(report, "total_budget_kr")


@pytest.mark.parametrize("column", ["kommunkod", "titel", "sammanfattning", "fokusomraden"])
def test_missing_required_values_name_the_column(column):
    message = the_error(check(row(**{column: ""})), column)
    assert column in message
    assert "obligatorisk" in message


def test_missing_status_names_the_column():
    report = check(row(status=""))
    assert "status" in the_error(report, "status")


def test_unknown_focus_area_names_it_and_lists_the_allowed_ones():
    message = the_error(check(row(fokusomraden="grundskola; rymdfart")), "fokusomraden")
    assert "rymdfart" in message
    assert "vuxenutbildning" in message
    assert "Okänt fokusområde" in message


def test_focus_areas_one_to_three_with_the_editors_message():
    report = check(row(fokusomraden="grundskola; vuxenutbildning; arbetsmarknad; folkhalsa"))
    assert the_error(report, "fokusomraden").startswith("Välj högst 3 fokusområden")


def test_unknown_target_group_names_it():
    message = the_error(check(row(malgrupper="pensionärer")), "malgrupper")
    assert "pensionärer" in message
    assert "Okänd målgrupp" in message


@pytest.mark.parametrize(
    ("column", "value"),
    [("status", "klar"), ("evidensniva", "mycket bra"), ("utvarderingstyp", "enkät")],
)
def test_bad_codes_name_the_value_and_the_allowed_codes(column, value):
    message = the_error(check(row(**{column: value})), column)
    assert value in message
    assert "Okänt värde" in message
    allowed = {
        "status": "completed",
        "evidensniva": "promising",
        "utvarderingstyp": "research_study",
    }
    assert allowed[column] in message


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("status", "Pågående", "ongoing"),
        ("status", "ONGOING", "ongoing"),
        ("status", "Completed", "completed"),
        ("evidensniva", "Lovande", "promising"),
        ("utvarderingstyp", "Extern utvärdering", "external_evaluation"),
    ],
)
def test_codes_accept_swedish_and_english_labels(column, value, code):
    overrides = {column: value}
    if code == "completed":
        overrides["slutdatum"] = "2024-06-30"
    [result] = check(row(**overrides)).rows
    assert result.state is RowState.VALID, result.errors
    key = {
        "status": "status",
        "evidensniva": "evidence_level",
        "utvarderingstyp": "evaluation_kind",
    }
    assert result.spec[key[column]] == code


def test_status_and_dates_follow_the_editors_rules():
    report = check(row(status="completed", slutdatum=""))
    assert the_error(report, "slutdatum") == "Ange slutdatum för en avslutad insats."
    report = check(row(startdatum="2024-01-01", slutdatum="2023-01-01"))
    assert the_error(report, "slutdatum") == "Slutdatum kan inte ligga före startdatum."


def test_an_unreadable_date_is_not_also_reported_as_missing():
    report = check(row(status="completed", slutdatum="snart"))
    assert len(errors_of(report)) == 1


@pytest.mark.parametrize(("column", "limit"), [("titel", 255), ("sammanfattning", 600)])
def test_too_long_texts_say_how_long(column, limit):
    message = the_error(check(row(**{column: "x" * (limit + 1)})), column)
    assert f"{limit + 1} tecken" in message
    assert str(limit) in message


def test_a_bad_email_address_names_it():
    assert "anna-at-kommun" in the_error(
        check(row(kontakt_epost="anna-at-kommun")), "kontakt_epost"
    )


def test_the_templates_example_row_is_refused():
    report = check(dict(EXAMPLE_ROW))
    assert "titel" in dict(errors_of(report))


def test_text_right_of_the_last_heading_is_an_error_for_the_whole_row():
    table = Table(rows=[SourceRow(2, row(), extra_cells=True)])
    report = validate_rows(table, ImportContext.load())
    assert [column for column, _ in errors_of(report)] == [""]


def test_a_row_for_an_existing_case_is_skipped_not_an_error():
    report = check(row(titel="BROBYGGARE  i skolan"))  # a live demo case in Filipstad
    [result] = report.rows
    assert result.state is RowState.DUPLICATE
    assert result.duplicate.startswith("Filipstad har redan en insats")
    assert "Brobyggare i skolan" in result.duplicate
    assert not report.can_import


def test_a_draft_counts_as_an_existing_case(filipstad):
    make_case(filipstad, title="Utkast om fritidsgårdar", publish=False)
    [result] = check(row(titel="utkast om fritidsgårdar")).rows
    assert result.state is RowState.DUPLICATE


def test_the_same_title_in_another_municipality_is_not_a_duplicate():
    [result] = check(row(kommunkod="1864", titel="Brobyggare i skolan")).rows
    assert result.state is RowState.VALID


def test_duplicates_within_the_file_name_the_first_row():
    report = check(row(), row(titel="språkstöd i FÖRSKOLAN"), row(titel="Något annat"))
    assert [result.state for result in report.rows] == [
        RowState.VALID,
        RowState.INVALID,
        RowState.VALID,
    ]
    assert errors_of(report, 3)[0][1].startswith("Samma kommun och titel som rad 2;")


def test_all_errors_of_a_row_are_reported_together_in_column_order():
    report = check(row(kommunkod="9999", titel="", startdatum="x", bidrag_kr="y"))
    assert [column for column, _ in errors_of(report)] == [
        "kommunkod",
        "titel",
        "startdatum",
        "bidrag_kr",
    ]


def test_validation_asks_the_database_nothing_per_row(django_assert_num_queries):
    context = ImportContext.load()
    rows = [row(titel=f"Insats nummer {number}") for number in range(200)]
    with django_assert_num_queries(0):
        report = check(*rows, context=context)
    assert len(report.valid) == 200


def test_a_dry_run_writes_nothing(tmp_path):
    path = tmp_path / "rapport.csv"
    lines = [
        "kommunkod;titel;sammanfattning;fokusomraden;status;startdatum",
        "1782;Ny insats i Filipstad;Kort text.;grundskola;ongoing;2024-01-01",
        "9999;Fel kommun;Kort text.;grundskola;ongoing;2024-01-01",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    counts = (Page.objects.count, Revision.objects.count, PageLogEntry.objects.count)
    before = [count() for count in counts]

    call_command("import_cases", str(path), stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert [count() for count in counts] == before
    assert not ImportBatch.objects.exists()
