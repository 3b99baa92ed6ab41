from datetime import date

from cases.validation import (
    validate_amounts,
    validate_focus_area_count,
    validate_follow_up,
    validate_period,
    validate_status_dates,
    validate_year,
)


def test_end_before_start_is_reported_on_the_end_date():
    errors = validate_period(date(2023, 5, 1), date(2023, 4, 30))
    assert errors == {"end_date": ["Slutdatum kan inte ligga före startdatum."]}


def test_same_day_start_and_end_is_allowed():
    assert validate_period(date(2023, 5, 1), date(2023, 5, 1)) == {}


def test_negative_amounts_are_rejected_with_swedish_messages():
    errors = validate_amounts(-1, -5)
    assert errors["grant_amount"] == ["Bidragsbeloppet kan inte vara negativt."]
    assert errors["total_budget"] == ["Den totala budgeten kan inte vara negativ."]


def test_grant_larger_than_total_budget_is_rejected():
    errors = validate_amounts(2_000_000, 1_000_000)
    assert list(errors) == ["total_budget"]


def test_missing_amounts_are_fine():
    assert validate_amounts(None, None) == {}


def test_focus_area_count_must_be_one_to_three():
    assert validate_focus_area_count(0)["themes"] == ["Välj minst ett fokusområde."]
    assert validate_focus_area_count(4)["themes"] == [
        "Välj högst 3 fokusområden – de som betyder mest för insatsen."
    ]
    assert validate_focus_area_count(1) == validate_focus_area_count(3) == {}


def test_started_initiatives_need_a_start_date_and_completed_ones_an_end_date():
    assert "start_date" in validate_status_dates("ongoing", None, None)
    assert validate_status_dates("planned", None, None) == {}
    assert "end_date" in validate_status_dates("completed", date(2020, 1, 1), None)


def test_discontinued_follow_up_needs_a_reason():
    assert "discontinued_reason" in validate_follow_up("discontinued", "  ")
    assert validate_follow_up("discontinued", "Personalen slutade.") == {}
    assert validate_follow_up("", "") == {}


def test_implausible_years_are_rejected():
    assert "year" in validate_year(1899)
    assert validate_year(2024) == {}
