from datetime import date

import pytest
from django.core.management import call_command

from cases.models import CaseStudyPage
from cases.synthetic import generate_specs
from cases.validation import merge, validate_amounts, validate_focus_area_count, validate_period


def test_same_seed_gives_the_same_cases_and_another_seed_other_cases():
    first = list(generate_specs(20, seed=7, municipality_codes=["1782", "1864"]))
    assert first == list(generate_specs(20, seed=7, municipality_codes=["1782", "1864"]))
    assert first != list(generate_specs(20, seed=8, municipality_codes=["1782", "1864"]))
    assert len({spec["slug"] for spec in first}) == 20


def test_synthetic_cases_pass_the_validation_rules():
    for spec in generate_specs(500, seed=3, municipality_codes=["1782"]):
        start = date.fromisoformat(spec["start_date"])
        end = date.fromisoformat(spec["end_date"]) if spec["end_date"] else None
        errors = merge(
            validate_period(start, end),
            validate_amounts(spec["grant_amount"], spec["total_budget"]),
            validate_focus_area_count(len(spec["themes"])),
        )
        assert errors == {}, spec


@pytest.mark.django_db
def test_the_command_publishes_n_cases_and_skips_them_when_run_again():
    call_command("generate_cases", 5, seed=42, municipalities=3, verbosity=0)
    created = CaseStudyPage.objects.live().filter(slug__startswith="syntetisk-42-")
    assert created.count() == 5
    assert {case.municipality.code for case in created} <= {"0114", "0115", "0117"}
    call_command("generate_cases", "--count", "5", seed=42, municipalities=3, verbosity=0)
    assert created.count() == 5
