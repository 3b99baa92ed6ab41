"""The admin's edit forms, built from the shared panel helpers (cases/panels.py): each page type and
model still answers 200 and offers the same fields, in the same order, under the same headings."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Page

from cases.models import CaseStudyPage, GrantAllocation, MunicipalityIndexPage
from cases.panels import field_panels, field_row, page_content, page_promote
from cms.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db

PROMOTE = ["slug", "seo_title", "search_description", "show_in_menus"]
SETTINGS = ["go_live_at", "expire_at", "comment_notifications"]


def _form(client, url):
    response = client.get(url, follow=True)
    assert response.status_code == HTTPStatus.OK
    return response, response.context["form"]


def _page_form(client, page):
    return _form(client, reverse("wagtailadmin_pages:edit", args=[page.id]))


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (HomePage, ["title", "intro", *PROMOTE, *SETTINGS]),
        (MunicipalityIndexPage, ["title", "intro", *PROMOTE, *SETTINGS]),
        (StandardPage, ["title", "intro", "body", *PROMOTE, *SETTINGS]),
    ],
)
def test_simple_pages_offer_their_fields(admin_client, model, fields):
    _, form = _page_form(admin_client, model.objects.first())
    assert list(form.fields) == fields


def test_a_municipality_page_offers_plan_contact_and_example_flag(admin_client, filipstad):
    response, form = _page_form(admin_client, filipstad)
    assert list(form.fields) == [
        *["title", "municipality", "overview", "plan_summary", "development_plan"],
        *["contact_name", "contact_role", "contact_email", "contact_phone"],
        *PROMOTE,
        "is_example",
        *SETTINGS,
    ]
    html = response.content.decode().lower()
    for heading in ["övergripande utvecklingsplan", "kontakt", "fiktivt exempel"]:
        assert heading in html, heading


def test_a_case_offers_its_fields_on_the_same_tabs(admin_client):
    response, form = _page_form(admin_client, CaseStudyPage.objects.live().first())
    # By tab: content, facts, results, contact, promote, settings.
    assert list(form.fields) == [
        *["title", "summary", "hero_image", "body"],
        *["themes", "target_groups", "keywords", "status", "start_date", "end_date"],
        *["grant_amount", "total_budget"],
        *["evidence_level", "evaluation_kind", "evaluation_description"],
        *["contact_name", "contact_role", "contact_email", "contact_phone"],
        *PROMOTE,
        "is_example",
        *SETTINGS,
    ]
    formsets = {name: list(formset.empty_form.fields) for name, formset in form.formsets.items()}
    assert formsets["partners"][:2] == ["name", "kind"]
    assert formsets["indicators"][:6] == ["name", "unit", "year", "baseline", "target", "outcome"]
    assert formsets["attachments"][:2] == ["document", "title"]
    assert formsets["inspirations"][:2] == ["source", "note"]
    html = response.content.decode()
    for heading in [
        "Innehåll",
        "Fakta",
        "Resultat",
        "Kontakt och bilagor",
        "Fokusområden och nyckelord",
        "Status, period och ekonomi",
        "Krävs om statusen inte är Planerad.",
    ]:
        assert heading in html, heading


def test_site_settings_and_grants_offer_their_fields(admin_client):
    _, settings = _form(admin_client, reverse("wagtailsettings:edit", args=["cms", "sitesettings"]))
    assert list(settings.fields) == [
        "organisation_name",
        "contact_email",
        "accessibility_statement",
    ]
    grant = GrantAllocation.objects.first()
    url = reverse(GrantAllocation.snippet_viewset.get_url_name("edit"), args=[grant.pk])
    _, form = _form(admin_client, url)
    assert list(form.fields) == ["municipality", "year", "amount", "purpose"]


def test_names_become_field_panels_and_panels_pass_through():
    row = FieldRowPanel([FieldPanel("a")])
    panels = field_panels("name", row)
    assert isinstance(panels[0], FieldPanel) and panels[0].field_name == "name"
    assert panels[1] is row
    assert [child.field_name for child in field_row("unit", "year").children] == ["unit", "year"]


def test_page_tabs_start_with_wagtails_own_fields():
    content = page_content("intro")
    assert content[:-1] == list(Page.content_panels) and content[-1].field_name == "intro"
    promote = page_promote("is_example")
    assert promote[:-1] == list(Page.promote_panels) and promote[-1].field_name == "is_example"
