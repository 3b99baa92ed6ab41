"""Documents follow the pages that use them (cms/document_access.py): public with a public page,
otherwise only for those who may see a page that uses them, or who manage them."""

from http import HTTPStatus

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, PageViewRestriction

from cases.models import CaseAttachment, CaseStudyPage, MunicipalityPage
from tests.factories import make_case

pytestmark = pytest.mark.django_db

PASSWORD = "hemligt-lösenord"


def _document(title: str, collection: str = "Filipstad"):
    return get_document_model().objects.create(
        title=title,
        collection=Collection.objects.get(name=collection),
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name=f"{title}.pdf"),
    )


def _attached(parent, document, *, publish=True) -> CaseStudyPage:
    page = make_case(parent, title=f"Insats med {document.title}", publish=False)
    page.attachments = [CaseAttachment(document=document)]
    revision = page.save_revision()
    if publish:
        revision.publish()
    return CaseStudyPage.objects.get(pk=page.pk)


def _in_body(parent, document) -> CaseStudyPage:
    """A published case whose body links the document through a document block."""
    page = make_case(parent, title=f"Insats som länkar {document.title}", publish=False)
    page.body = [
        {
            "type": "results",
            "value": [{"type": "document", "value": {"document": document.pk, "title": ""}}],
        }
    ]
    page.save_revision().publish()
    return CaseStudyPage.objects.get(pk=page.pk)


def _status(client, document) -> int:
    return client.get(document.url).status_code


def _goes_to_login(client, document) -> bool:
    response = client.get(document.url)
    return response.status_code == HTTPStatus.FOUND and response.url.startswith(
        reverse("wagtailcore_login")
    )


def test_a_public_cases_attachment_is_public(client, filipstad):
    document = _document("Offentlig rapport")
    _attached(filipstad, document)
    response = client.get(document.url)
    assert response.status_code == HTTPStatus.OK
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_private_cases_attachment_needs_the_pages_access(client, filipstad, moderator):
    document = _document("Hemlig rapport")
    case = _attached(filipstad, document)
    restriction = PageViewRestriction.objects.create(
        page=case, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    assert _goes_to_login(client, document)

    # A visitor who has given the page's password may download it, as they may read the page.
    client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, case.pk]),
        {"password": PASSWORD, "return_url": case.url},
    )
    assert _status(client, document) == HTTPStatus.OK

    client.logout()
    client.force_login(moderator)
    assert _status(client, document) == HTTPStatus.OK

    restriction.delete()
    client.logout()
    assert _status(client, document) == HTTPStatus.OK


def test_a_restriction_on_the_municipality_page_covers_its_documents(client, filipstad):
    document = _document("Kommunens rapport")
    _attached(filipstad, document)
    restriction = PageViewRestriction.objects.create(
        page=MunicipalityPage.objects.get(pk=filipstad.pk),
        restriction_type=PageViewRestriction.LOGIN,
    )
    assert _goes_to_login(client, document)
    restriction.delete()
    assert _status(client, document) == HTTPStatus.OK


def test_a_document_block_in_the_body_follows_the_page(client, filipstad):
    document = _document("Länkad rapport")
    case = _in_body(filipstad, document)
    assert _status(client, document) == HTTPStatus.OK
    PageViewRestriction.objects.create(page=case, restriction_type=PageViewRestriction.LOGIN)
    assert _goes_to_login(client, document)


def test_a_drafts_attachment_only_for_its_editors_and_moderators(
    client, filipstad, filipstad_editor, moderator, django_user_model
):
    document = _document("Utkastets rapport")
    _attached(filipstad, document, publish=False)
    assert _goes_to_login(client, document)

    outsider = django_user_model.objects.create_user("utomstaende", "u@example.org", "x")
    client.force_login(outsider)
    assert _status(client, document) == HTTPStatus.FORBIDDEN
    for staff in (filipstad_editor, moderator):
        client.force_login(staff)
        assert _status(client, document) == HTTPStatus.OK, staff


def test_an_editor_of_another_municipality_cannot_read_a_drafts_document(
    client, filipstad, django_user_model
):
    from django.contrib.auth.models import Group

    document = _document("Filipstads utkast")
    _attached(filipstad, document, publish=False)
    editor = django_user_model.objects.create_user("redaktor-ljusnarsberg", "l@example.org", "x")
    editor.groups.add(Group.objects.get(name__startswith="Kommunredaktör – Ljusnarsberg"))
    client.force_login(editor)
    assert _status(client, document) == HTTPStatus.FORBIDDEN


def test_a_document_no_page_uses_is_for_staff_only(client, moderator):
    document = _document("Lös fil")
    assert _goes_to_login(client, document)
    client.force_login(moderator)
    assert _status(client, document) == HTTPStatus.OK


def test_one_public_page_is_enough(client, filipstad, ljusnarsberg):
    document = _document("Delad rapport")
    private = _attached(filipstad, document)
    _attached(ljusnarsberg, document)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert _status(client, document) == HTTPStatus.OK


def test_unpublishing_the_only_page_hides_its_document(client, filipstad):
    document = _document("Avpublicerad rapport")
    case = _attached(filipstad, document)
    assert _status(client, document) == HTTPStatus.OK
    case.unpublish()
    assert _goes_to_login(client, document)
