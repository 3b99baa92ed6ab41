"""Creating and editing cases through the real Wagtail admin forms."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from cases.models import CaseStudyPage
from tests.admin_forms import add_case_form, edit_form, postable
from themes.models import Theme

pytestmark = pytest.mark.django_db


def _theme_pks(count):
    return list(Theme.objects.values_list("pk", flat=True)[:count])


def test_an_editor_can_create_a_case_with_all_facts(admin_client, filipstad):
    url, data = add_case_form(admin_client, filipstad, themes=_theme_pks(2))
    response = admin_client.post(url, postable(data))
    assert response.status_code == HTTPStatus.FOUND, response.context["form"].errors
    case = CaseStudyPage.objects.child_of(filipstad).get(slug="sprakombud-i-forskolan")
    revision = case.latest_revision.as_object()
    assert revision.municipality.code == "1782"
    assert sorted(theme.pk for theme in revision.themes.all()) == sorted(_theme_pks(2))
    assert sorted(tag.name for tag in revision.keywords.all()) == ["förskola", "språkombud"]
    assert revision.body[0].block_type == "background"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"themes": []}, "themes", "Välj minst ett fokusområde."),
        (
            {"themes": "four"},
            "themes",
            "Välj högst 3 fokusområden – de som betyder mest för insatsen.",
        ),
        (
            {"start_date": "2024-05-01", "end_date": "2024-04-01"},
            "end_date",
            "Slutdatum kan inte ligga före startdatum.",
        ),
        ({"grant_amount": "-5"}, "grant_amount", "Beloppet kan inte vara negativt."),
        (
            {"grant_amount": "900000", "total_budget": "100000"},
            "total_budget",
            "Den totala budgeten måste vara minst lika stor som bidraget, "
            "eftersom bidraget ingår i den.",
        ),
    ],
)
def test_invalid_cases_are_refused_with_a_swedish_message_and_nothing_saved(
    admin_client, filipstad, fields, field, message
):
    if fields.get("themes") == "four":
        fields["themes"] = _theme_pks(4)
    fields.setdefault("themes", _theme_pks(1))
    url, data = add_case_form(admin_client, filipstad, **fields)
    response = admin_client.post(url, postable(data))
    assert response.status_code == HTTPStatus.OK
    assert message in response.context["form"].errors[field]
    assert not CaseStudyPage.objects.child_of(filipstad).filter(slug="sprakombud-i-forskolan")


def test_the_edit_form_of_a_demo_case_opens_and_saves_unchanged(admin_client):
    case = CaseStudyPage.objects.live().filter(inspirations__isnull=False).first()
    url, data = edit_form(admin_client, case)
    response = admin_client.post(url, postable(data))
    assert response.status_code == HTTPStatus.FOUND
    saved = CaseStudyPage.objects.get(pk=case.pk).latest_revision.as_object()
    assert saved.inspirations.count() == case.inspirations.count()
    assert saved.indicators.count() == case.indicators.count()
    assert set(saved.themes.all()) == set(case.themes.all())


def test_cases_cannot_be_added_outside_a_municipality(admin_client):
    from cases.models import MunicipalityIndexPage

    index = MunicipalityIndexPage.objects.get()
    url = reverse("wagtailadmin_pages:add", args=["cases", "casestudypage", index.pk])
    response = admin_client.get(url)
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("wagtailadmin_home")
    assert not CaseStudyPage.can_create_at(index)
