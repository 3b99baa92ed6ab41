"""The case form guides: sections in place, checkboxes, conditions marked, ASCII slugs."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.test.utils.form_data import rich_text, streamfield

from cases.blocks import CaseBodyBlock
from cases.models import CaseStudyPage
from cases.slugs import ascii_slug
from tests.admin_forms import add_case_form, edit_form, postable
from tests.factories import make_case
from themes.models import Keyword, TargetGroup, Theme

pytestmark = pytest.mark.django_db

SECTIONS = list(CaseBodyBlock().child_blocks)


def _new_case_form(client, parent):
    url = reverse("wagtailadmin_pages:add", args=["cases", "casestudypage", parent.pk])
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return response


def _section(text):
    return streamfield([("text", rich_text(text))])


def test_a_new_case_starts_with_the_seven_sections_in_order(client, filipstad, filipstad_editor):
    client.force_login(filipstad_editor)
    body = _new_case_form(client, filipstad).context["form"]["body"].value()
    assert [section.block_type for section in body] == SECTIONS
    assert len(SECTIONS) == 7
    assert all([part.block_type for part in section.value] == ["text"] for section in body)


def test_focus_areas_and_target_groups_are_checkboxes_with_their_limits_shown(
    client, filipstad, filipstad_editor
):
    client.force_login(filipstad_editor)
    response = _new_case_form(client, filipstad)
    html = response.content.decode()
    for field, model in (("themes", Theme), ("target_groups", TargetGroup)):
        assert html.count(f'type="checkbox" name="{field}"') == model.objects.count()
    assert "Välj 1–3: de fokusområden som betyder mest för insatsen." in html
    assert response.context["form"].fields["themes"].required
    assert "Krävs om statusen inte är Planerad." in html
    assert "Krävs när statusen är Avslutad" in html


def test_empty_sections_are_not_saved(admin_client, filipstad):
    body = streamfield(
        [
            (name, _section("<p>Bakgrunden.</p>" if name == "background" else ""))
            for name in SECTIONS
        ]
    )
    url, data = add_case_form(admin_client, filipstad, body=body)
    response = admin_client.post(url, postable(data))
    assert response.status_code == HTTPStatus.FOUND, response.context["form"].errors
    case = CaseStudyPage.objects.child_of(filipstad).get(slug="sprakombud-i-forskolan")
    saved = case.latest_revision.as_object()
    assert [section.block_type for section in saved.body] == ["background"]


def test_the_edit_form_offers_the_missing_sections_around_the_written_ones(admin_client, filipstad):
    case = make_case(filipstad, sections={"results": ["Fler fick jobb."]})
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[case.pk]))
    body = response.context["form"]["body"].value()
    assert [section.block_type for section in body] == SECTIONS
    results = body[SECTIONS.index("results")].value
    assert "Fler fick jobb." in results[0].value.source


def test_more_than_three_target_groups_are_refused_in_swedish(admin_client, filipstad):
    url, data = add_case_form(admin_client, filipstad)
    data.setlist(
        "target_groups", [str(pk) for pk in TargetGroup.objects.values_list("pk", flat=True)[:4]]
    )
    response = admin_client.post(url, postable(data))
    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["target_groups"] == [
        "Välj högst 3 målgrupper – de som insatsen främst riktar sig till."
    ]


def test_a_negative_amount_is_reported_once(admin_client, filipstad):
    url, data = add_case_form(admin_client, filipstad, grant_amount="-5")
    response = admin_client.post(url, postable(data))
    assert response.context["form"].errors["grant_amount"] == ["Beloppet kan inte vara negativt."]


def test_a_keyword_of_two_words_is_one_keyword_shown_without_quotes(admin_client, filipstad):
    url, data = add_case_form(admin_client, filipstad, keywords="unga vuxna")
    assert admin_client.post(url, postable(data)).status_code == HTTPStatus.FOUND
    case = CaseStudyPage.objects.child_of(filipstad).get(slug="sprakombud-i-forskolan")
    assert [tag.name for tag in case.latest_revision.as_object().keywords.all()] == ["unga vuxna"]
    Keyword.objects.get(name="unga vuxna")

    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[case.pk])).content.decode()
    assert 'value="unga vuxna"' in html
    assert "&quot;unga vuxna&quot;" not in html


def test_several_keywords_keep_their_words(admin_client, filipstad):
    url, data = add_case_form(admin_client, filipstad, keywords='unga vuxna,"läxhjälp", förskola')
    assert admin_client.post(url, postable(data)).status_code == HTTPStatus.FOUND
    case = CaseStudyPage.objects.child_of(filipstad).get(slug="sprakombud-i-forskolan")
    names = sorted(tag.name for tag in case.latest_revision.as_object().keywords.all())
    assert names == ["förskola", "läxhjälp", "unga vuxna"]


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Läxhjälp på Åsens skola", "laxhjalp-pa-asens-skola"),
        ("Café för äldre – Ö-vik", "cafe-for-aldre-o-vik"),
        ("Bæredygtig Øresund", "baeredygtig-oresund"),
    ],
)
def test_slugs_are_ascii(title, slug):
    assert ascii_slug(title) == slug


def test_a_case_made_by_code_without_a_slug_gets_an_ascii_one(filipstad):
    page = make_case(filipstad, title="Språkstöd för föräldrar på Åsen", slug="")
    assert page.slug == "sprakstod-for-foraldrar-pa-asen"


def test_the_slug_field_writes_ascii_as_the_editor_types(client, filipstad, filipstad_editor):
    client.force_login(filipstad_editor)
    html = _new_case_form(client, filipstad).content.decode()
    assert 'data-controller="w-slug"' in html
    assert "data-w-slug-allow-unicode-value" not in html  # the attribute is left out when False


def test_a_slug_typed_with_swedish_letters_is_stored_in_ascii(admin_client, filipstad):
    url, data = add_case_form(
        admin_client, filipstad, title="Öppen förskola", slug="öppen-förskola"
    )
    assert admin_client.post(url, postable(data)).status_code == HTTPStatus.FOUND
    assert CaseStudyPage.objects.child_of(filipstad).filter(slug="oppen-forskola").exists()


def test_changing_a_published_slug_redirects_the_old_address(
    admin_client, client, filipstad, django_capture_on_commit_callbacks
):
    case = make_case(filipstad, title="Sommarjobb för unga", slug="sommarjobb-for-unga")
    old_url = case.url
    url, data = edit_form(admin_client, case)
    data["slug"] = "feriejobb-for-unga"
    data["action-publish"] = "1"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail makes redirects on commit
        response = admin_client.post(url, postable(data))
    assert response.status_code == HTTPStatus.FOUND, response.context["form"].errors
    case.refresh_from_db()
    assert case.url.endswith("/feriejobb-for-unga/")
    assert Redirect.objects.filter(redirect_page=case).exists()
    response = client.get(old_url)
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"].endswith(case.url)
