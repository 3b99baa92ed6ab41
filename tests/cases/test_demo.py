from collections import Counter
from datetime import date

import pytest
from wagtail.images import get_image_model

from cases.demo.loader import load_demo, read_demo_data
from cases.models import CaseStudyPage, GrantAllocation, MunicipalityPage
from cases.validation import (
    merge,
    validate_amounts,
    validate_focus_area_count,
    validate_period,
    validate_status_dates,
)

pytestmark = pytest.mark.django_db


def test_demo_has_ten_municipalities_and_over_forty_varied_cases():
    cases = CaseStudyPage.objects.live()
    assert MunicipalityPage.objects.live().count() == 10
    assert cases.count() >= 40
    assert set(cases.values_list("status", flat=True)) == {
        "planned",
        "ongoing",
        "completed",
        "discontinued",
    }
    assert len(set(cases.values_list("themes__slug", flat=True))) == 11
    assert cases.filter(indicators__isnull=False).distinct().count() >= 20
    assert cases.filter(hero_image__isnull=False).count() >= 10
    assert cases.filter(inspirations__isnull=False).distinct().count() >= 6
    keyword_use = Counter(cases.values_list("keywords__name", flat=True))
    assert sum(1 for count in keyword_use.values() if count > 1) >= 10


def test_every_demo_case_and_municipality_text_is_marked_as_an_example():
    assert not CaseStudyPage.objects.filter(is_example=False).exists()
    assert not MunicipalityPage.objects.filter(is_example=False).exists()


def test_demo_contacts_use_roles_and_example_addresses_only():
    _, cases = read_demo_data()
    for spec in cases:
        contact = spec.get("contact") or {}
        assert not contact.get("name"), spec["slug"]
        assert contact.get("email", "x@y.example").endswith(".example"), spec["slug"]


def test_demo_data_obeys_the_editor_validation_rules():
    _, cases = read_demo_data()
    for spec in cases:
        start = date.fromisoformat(spec["start_date"]) if spec.get("start_date") else None
        end = date.fromisoformat(spec["end_date"]) if spec.get("end_date") else None
        errors = merge(
            validate_period(start, end),
            validate_amounts(spec.get("grant_amount"), spec.get("total_budget")),
            validate_focus_area_count(len(spec["themes"])),
            validate_status_dates(spec["status"], start, end),
        )
        assert errors == {}, spec["slug"]


def test_loading_the_demo_again_creates_nothing():
    counts = (
        CaseStudyPage.objects.count(),
        MunicipalityPage.objects.count(),
        GrantAllocation.objects.count(),
        get_image_model().objects.count(),
    )
    report = load_demo(*read_demo_data())
    assert (report.cases_created, report.municipalities_created, report.grants_created) == (0, 0, 0)
    assert report.images_created == 0
    assert counts == (
        CaseStudyPage.objects.count(),
        MunicipalityPage.objects.count(),
        GrantAllocation.objects.count(),
        get_image_model().objects.count(),
    )


def test_demo_images_are_real_pngs_with_alt_text():
    for image in get_image_model().objects.filter(title__startswith="Exempelillustration"):
        assert image.width == 1200 and image.height == 675
        assert image.description.startswith("Abstrakt illustration")
        with image.open_file() as handle:
            assert handle.read(8) == b"\x89PNG\r\n\x1a\n"
