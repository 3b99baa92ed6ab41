"""What a municipality editor can and cannot do, through real requests to the Wagtail admin."""

from http import HTTPStatus

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, WorkflowState

from cases.models import CaseStudyPage
from tests.admin_forms import add_case_form, edit_form, postable
from tests.factories import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, filipstad_editor):
    client.force_login(filipstad_editor)
    return client


def _denied(response) -> bool:
    """Wagtail answers a permission failure with 403 or a redirect to the dashboard."""
    return response.status_code == HTTPStatus.FORBIDDEN or (
        response.status_code == HTTPStatus.FOUND and response.url == reverse("wagtailadmin_home")
    )


def test_editor_creates_and_submits_a_case_under_their_municipality(
    editor_client, filipstad, moderator, mailoutbox
):
    url, data = add_case_form(editor_client, filipstad, title="Läsfrämjande i Filipstad")
    data["action-submit"] = "1"
    response = editor_client.post(url, postable(data))
    assert response.status_code == HTTPStatus.FOUND
    case = CaseStudyPage.objects.child_of(filipstad).get(slug="lasframjande-i-filipstad")
    assert not case.live
    assert case.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert case.current_workflow_task.name == "Granskning av moderator"
    assert [moderator.email] in [message.to for message in mailoutbox]


def test_editor_cannot_publish_even_their_own_case(editor_client, filipstad, filipstad_editor):
    url, data = add_case_form(editor_client, filipstad, title="Egen publicering")
    data["action-publish"] = "1"
    editor_client.post(url, postable(data))
    case = CaseStudyPage.objects.child_of(filipstad).get(slug="egen-publicering")
    assert not case.live
    assert not case.permissions_for_user(filipstad_editor).can_publish()


def test_editor_can_edit_a_published_case_of_their_municipality_as_a_draft(
    editor_client, filipstad
):
    case = make_case(filipstad, title="Publicerad insats")
    url, data = edit_form(editor_client, case)
    data["title"] = "Publicerad insats, reviderad"
    assert editor_client.post(url, postable(data)).status_code == HTTPStatus.FOUND
    case.refresh_from_db()
    assert case.title == "Publicerad insats"  # the live version is unchanged until published
    assert case.has_unpublished_changes
    assert case.latest_revision.as_object().title == "Publicerad insats, reviderad"


def test_editor_cannot_touch_another_municipality(editor_client, filipstad, ljusnarsberg):
    theirs = make_case(ljusnarsberg, title="Ljusnarsbergs insats")
    ours = make_case(filipstad, title="Filipstads insats")
    admin = editor_client

    assert _denied(admin.get(reverse("wagtailadmin_pages:edit", args=[theirs.pk])))
    assert _denied(admin.get(reverse("wagtailadmin_pages:edit", args=[ljusnarsberg.pk])))
    add_url = reverse("wagtailadmin_pages:add", args=["cases", "casestudypage", ljusnarsberg.pk])
    assert _denied(admin.get(add_url))
    assert _denied(admin.post(add_url, {"title": "Inbrytning", "slug": "inbrytning"}))
    move_url = reverse("wagtailadmin_pages:move_confirm", args=[ours.pk, ljusnarsberg.pk])
    assert _denied(admin.post(move_url))
    assert CaseStudyPage.objects.get(pk=ours.pk).municipality.code == "1782"
    unpublish_url = reverse("wagtailadmin_pages:unpublish", args=[theirs.pk])
    assert _denied(admin.post(unpublish_url))
    assert CaseStudyPage.objects.get(pk=theirs.pk).live
    assert _denied(admin.post(reverse("wagtailadmin_pages:delete", args=[theirs.pk])))
    assert CaseStudyPage.objects.filter(pk=theirs.pk).exists()


def test_editor_explorer_shows_only_their_municipality(editor_client, filipstad, ljusnarsberg):
    response = editor_client.get(reverse("wagtailadmin_explore", args=[filipstad.pk]))
    assert response.status_code == HTTPStatus.OK
    response = editor_client.get(reverse("wagtailadmin_explore", args=[ljusnarsberg.pk]))
    assert response.url == reverse("wagtailadmin_explore", args=[filipstad.pk])


def test_editor_cannot_repoint_their_municipality_page(editor_client, filipstad):
    url, data = edit_form(editor_client, filipstad)
    assert "municipality" not in data
    data["municipality"] = "1"
    editor_client.post(url, postable(data))
    filipstad.refresh_from_db()
    assert filipstad.latest_revision.as_object().municipality.code == "1782"


def _document(collection_name: str, title: str):
    return get_document_model().objects.create(
        title=title,
        collection=Collection.objects.get(name=collection_name),
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name=f"{title}.pdf"),
    )


def test_editor_sees_and_chooses_only_documents_in_their_collection(editor_client):
    own = _document("Filipstad", "Filipstads plan")
    other = _document("Ljusnarsberg", "Ljusnarsbergs plan")
    listing = editor_client.get(reverse("wagtaildocs:index")).content.decode()
    assert own.title in listing
    assert other.title not in listing
    chooser = editor_client.get(reverse("wagtaildocs_chooser:choose")).content.decode()
    assert own.title in chooser
    assert other.title not in chooser
    assert _denied(editor_client.get(reverse("wagtaildocs:edit", args=[other.pk])))


def test_editor_uploads_land_in_their_own_collection_whatever_they_ask(editor_client):
    """With one permitted collection Wagtail drops the choice; a forged one is ignored."""
    ljusnarsberg = Collection.objects.get(name="Ljusnarsberg")
    response = editor_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Fel samling",
            "collection": ljusnarsberg.pk,
            "file": ContentFile(b"%PDF-1.4\n%%EOF\n", name="fel.pdf"),
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    document = get_document_model().objects.get(title="Fel samling")
    assert document.collection.name == "Filipstad"
