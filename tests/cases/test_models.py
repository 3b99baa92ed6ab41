from datetime import date

import pytest
from django.core.exceptions import ValidationError

from cases.models import CaseStudyPage, FollowUpUpdate, MunicipalityIndexPage, MunicipalityPage
from cms.models import HomePage, StandardPage
from tests.factories import make_case
from themes.models import ThemeIndexPage

pytestmark = pytest.mark.django_db


def test_case_takes_its_municipality_from_the_page_it_lives_under(filipstad):
    case = make_case(filipstad)
    assert case.municipality.code == "1782"


def test_moving_a_case_to_another_municipality_updates_its_municipality(filipstad, ljusnarsberg):
    case = make_case(filipstad)
    case.move(ljusnarsberg, pos="last-child")
    assert CaseStudyPage.objects.get(pk=case.pk).municipality.code == "1864"


@pytest.mark.parametrize(
    ("parent_model", "allowed"),
    [
        (MunicipalityPage, True),
        (MunicipalityIndexPage, False),
        (HomePage, False),
        (ThemeIndexPage, False),
        (StandardPage, False),
    ],
)
def test_a_case_can_only_live_under_a_municipality_page(parent_model, allowed):
    parent = parent_model.objects.first()
    assert CaseStudyPage.can_create_at(parent) is allowed


def test_only_cases_live_under_a_municipality_page(filipstad):
    assert [model.__name__ for model in filipstad.specific_class.allowed_subpage_models()] == [
        "CaseStudyPage"
    ]


def test_municipality_pages_only_live_under_the_municipality_index():
    home = HomePage.objects.get()
    index = MunicipalityIndexPage.objects.get()
    assert MunicipalityPage.can_create_at(index)
    assert not MunicipalityPage.can_create_at(home)


def _clean_errors(page) -> dict:
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    return caught.value.message_dict


def test_end_before_start_fails_model_validation_in_swedish(filipstad):
    case = make_case(filipstad)
    case.start_date, case.end_date = date(2024, 1, 1), date(2023, 1, 1)
    assert _clean_errors(case)["end_date"] == ["Slutdatum kan inte ligga före startdatum."]


def test_negative_amount_fails_model_validation(filipstad):
    case = make_case(filipstad)
    case.grant_amount = -100
    assert "grant_amount" in _clean_errors(case)


def test_completed_case_without_end_date_fails(filipstad):
    case = make_case(filipstad)
    case.status, case.end_date = "completed", None
    assert _clean_errors(case)["end_date"] == ["Ange slutdatum för en avslutad insats."]


def test_discontinued_follow_up_without_reason_fails():
    update = FollowUpUpdate(year=2024, text="Avslutades.", status_change="discontinued")
    with pytest.raises(ValidationError) as caught:
        update.clean()
    assert "discontinued_reason" in caught.value.message_dict


def test_inspiration_is_shown_from_both_ends(filipstad, ljusnarsberg):
    source = make_case(filipstad, title="Förebilden")
    adopter = make_case(
        ljusnarsberg,
        title="Efterföljaren",
        inspired_by=[{"slug": source.slug, "note": "Vi kortade ner programmet."}],
        sources={source.slug: source},
    )
    assert [link.source_id for link in adopter.inspirations.all()] == [source.pk]
    assert list(source.inspired_cases_live()) == [adopter]
