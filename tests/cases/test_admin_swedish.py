"""The admin on the editor's path speaks Swedish, and its reports show an editor only their own."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.factories import make_case

pytestmark = pytest.mark.django_db


def _new_case_page(client, parent):
    url = reverse("wagtailadmin_pages:add", args=["cases", "casestudypage", parent.pk])
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_the_new_case_form_has_no_english_from_wagtail_or_taggit(
    client, filipstad, filipstad_editor
):
    client.force_login(filipstad_editor)
    html = _new_case_page(client, filipstad)
    for english in (
        "Autosave is paused",
        "A comma-separated list of tags.",
        "Multi-word tags with spaces",
        "Slug",
        "Maximum filesize",
    ):
        assert english not in html
    assert "Automatisk sparning är pausad" in html
    assert "Webbadressnamn" in html
    assert "Ett nyckelord kan ha flera ord." in html


def test_the_admin_javascript_strings_are_swedish(client, filipstad_editor):
    client.force_login(filipstad_editor)
    catalog = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    assert "S\\u00f6k bland valen\\u2026" in catalog or "Sök bland valen…" in catalog


def test_the_validation_pause_message_is_swedish(client, filipstad, filipstad_editor):
    from django.utils.translation import gettext, override

    with override("sv"):
        assert gettext("There are validation errors, click save to highlight them.").startswith(
            "Sidan sparas automatiskt först när alla obligatoriska fält"
        )
        assert gettext("Exploring") == "Utforskar"


def test_document_upload_lists_the_allowed_formats(admin_client):
    html = admin_client.get(reverse("wagtaildocs:add_multiple")).content.decode()
    assert "Tillåtna format: PDF, DOCX, XLSX, ODT, ODS, PPTX." in html
    assert "Största filstorlek: 20,0\xa0MB." in html or "Största filstorlek: 20,0 MB." in html


def test_the_page_type_report_names_no_other_municipalitys_draft(
    client, filipstad_editor, moderator, ljusnarsberg
):
    make_case(ljusnarsberg, title="Ljusnarsbergs hemliga utkast", publish=False)
    url = reverse("wagtailadmin_reports:page_types_usage")

    client.force_login(filipstad_editor)
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert "Ljusnarsbergs hemliga utkast" not in response.content.decode()

    client.force_login(moderator)
    assert "Ljusnarsbergs hemliga utkast" in client.get(url).content.decode()
