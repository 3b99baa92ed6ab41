"""Bad uploads are refused with a message and leave nothing stored."""

import io
import zipfile
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from cms.uploads import document_problem

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


def _png(width: int, height: int, mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, (width, height)).save(buffer, format="PNG")
    return buffer.getvalue()


def _stored_files() -> set[Path]:
    root = Path(settings.MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()}


@pytest.mark.parametrize(
    ("name", "content", "valid"),
    [
        ("plan.pdf", PDF, True),
        ("program.pdf", EXE, False),
        ("rapport.docx", DOCX, True),
        ("rapport.docx", PDF, False),
        ("rapport.xlsx", DOCX, False),
        ("text.odt", ODT, True),
        ("text.ods", ODT, False),
        ("skript.exe", EXE, False),
    ],
)
def test_document_content_must_match_its_extension(name, content, valid):
    stream = io.BytesIO(content)
    assert (document_problem(name, stream) is None) is valid
    assert stream.tell() == 0


@pytest.fixture
def editor_client(client, filipstad_editor):
    client.force_login(filipstad_editor)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("bild.png", b"det har ar ingen bild\n" * 20, "ladda upp en giltig bild"),
        ("jatte.png", _png(20000, 20000, mode="1"), "bilden har för många pixlar"),
        ("logga.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "bildformatet stöds inte"),
    ],
)
def test_bad_images_are_refused_and_nothing_is_stored(editor_client, filename, content, message):
    before = _stored_files()
    response = editor_client.post(
        reverse("wagtailimages:add"),
        {"title": "Dålig bild", "file": SimpleUploadedFile(filename, content)},
    )
    assert response.status_code == HTTPStatus.OK
    errors = " ".join(response.context["form"].errors["file"])
    assert message in errors.lower()
    assert not get_image_model().objects.filter(title="Dålig bild").exists()
    assert _stored_files() == before


@pytest.mark.django_db
def test_an_exe_renamed_pdf_is_refused_with_a_swedish_message(editor_client):
    before = _stored_files()
    response = editor_client.post(
        reverse("wagtaildocs:add"),
        {"title": "Förklädd fil", "file": SimpleUploadedFile("rapport.pdf", EXE)},
    )
    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["file"] == [
        "Filens innehåll är inte ett PDF-dokument, fast namnet slutar på .pdf. "
        "Spara den igen som PDF och ladda upp den filen."
    ]
    assert not get_document_model().objects.filter(title="Förklädd fil").exists()
    assert _stored_files() == before


@pytest.mark.django_db
@pytest.mark.parametrize("filename", ["program.exe", "sida.html", "bild.svg"])
def test_documents_outside_the_allow_list_are_refused(editor_client, filename):
    response = editor_client.post(
        reverse("wagtaildocs:add"),
        {"title": "Otillåten", "file": SimpleUploadedFile(filename, b"x" * 100)},
    )
    assert response.status_code == HTTPStatus.OK
    assert "file" in response.context["form"].errors
    assert not get_document_model().objects.filter(title="Otillåten").exists()


@pytest.mark.django_db
def test_a_real_pdf_and_docx_are_accepted(editor_client):
    for name, content in [("plan.pdf", PDF), ("plan.docx", DOCX)]:
        response = editor_client.post(
            reverse("wagtaildocs:add"),
            {"title": name, "file": SimpleUploadedFile(name, content)},
        )
        assert response.status_code == HTTPStatus.FOUND, name
    assert get_document_model().objects.filter(title__in=["plan.pdf", "plan.docx"]).count() == 2
