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


# -- Broken images and unsafe packages (issue #20) ----------------------------------------------

GIVE_A_VALID_IMAGE = (
    "Ladda upp en giltig bild. Filen du laddade upp var antingen ingen bild eller en korrupt bild."
)
MACROS = (
    "Filen innehåller makron (programkod), som inte kan laddas upp. Spara den utan makron, till "
    "exempel som .docx eller .xlsx, och ladda upp den filen."
)


def _image(image_format: str, size=(300, 200)) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise(size, 64).convert("RGB").save(buffer, format=image_format)
    return buffer.getvalue()


def _cut(content: bytes) -> bytes:
    return content[: len(content) // 2]


BROKEN_IMAGES = {
    "gif-header-then-text.gif": b"GIF89a" + b"det har ar ingen bild\n" * 20,
    "junk.jpg": b"\xff\xd8\xff\xe0" + b"skrap" * 200,
    "junk.png": b"\x89PNG\r\n\x1a\n" + b"skrap" * 200,
    "junk.webp": b"RIFF\x00\x10\x00\x00WEBPVP8 " + b"skrap" * 200,
    "truncated.png": _cut(_image("PNG")),
    "truncated.jpg": _cut(_image("JPEG")),
    "truncated.gif": _cut(_image("GIF")),
    "truncated.webp": _cut(_image("WEBP")),
}


def _upload_several(client, url: str, filename: str, content: bytes) -> dict:
    """The JSON endpoint the admin's drag-and-drop upload page really uses."""
    response = client.post(
        url,
        {"files[]": SimpleUploadedFile(filename, content)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == HTTPStatus.OK
    return response.json()


@pytest.mark.django_db
@pytest.mark.parametrize("filename", sorted(BROKEN_IMAGES))
def test_broken_images_are_refused_in_both_upload_views(editor_client, filename):
    content = BROKEN_IMAGES[filename]
    before = _stored_files()
    response = editor_client.post(
        reverse("wagtailimages:add"),
        {"title": "Trasig bild", "file": SimpleUploadedFile(filename, content)},
    )
    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["file"] == [GIVE_A_VALID_IMAGE]
    several = reverse("wagtailimages:add_multiple")
    answer = _upload_several(editor_client, several, filename, content)
    assert answer == {"success": False, "error_message": GIVE_A_VALID_IMAGE}
    assert not get_image_model().objects.filter(title__in=["Trasig bild", filename]).exists()
    assert _stored_files() == before


@pytest.mark.django_db
def test_an_image_mislabelled_as_another_format_is_refused(editor_client):
    answer = _upload_several(
        editor_client, reverse("wagtailimages:add_multiple"), "foto.png", _image("JPEG")
    )
    assert answer["success"] is False
    assert "(jpeg)" in answer["error_message"]


@pytest.mark.django_db
@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "GIF", "WEBP"])
def test_whole_images_of_every_allowed_format_are_accepted(editor_client, image_format):
    filename = f"hel-bild.{image_format.lower()}"
    answer = _upload_several(
        editor_client, reverse("wagtailimages:add_multiple"), filename, _image(image_format)
    )
    assert answer["success"] is True, answer
    image = get_image_model().objects.get(pk=answer["image_id"])
    assert (image.width, image.height) == (300, 200)


CONTENT_TYPES = b'<Types><Default Extension="xml" ContentType="application/xml"/></Types>'
DOCM_AS_DOCX = _zip(
    {
        "[Content_Types].xml": CONTENT_TYPES,
        "word/document.xml": b"<w:document/>",
        "word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"Attribute VB_Name" * 10,
    }
)
XLSM_AS_XLSX = _zip(
    {
        "[Content_Types].xml": b'<Types><Override ContentType="application/'
        b'vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>',
        "xl/workbook.xml": b"<workbook/>",
    }
)
ODT_WITH_BASIC = _zip(
    {
        "mimetype": b"application/vnd.oasis.opendocument.text",
        "content.xml": b"<x/>",
        "Basic/Standard/Module1.xml": b"<script:module>Sub Main</script:module>",
    }
)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
OLE_AS_DOCX = OLE + "WordDocument".encode("utf-16-le") + b"\x00" * 300
XLS_WITH_MACROS_AS_XLSX = OLE + "_VBA_PROJECT".encode("utf-16-le") + b"\x00" * 300


def _bomb(megabytes: int) -> bytes:
    """A DOCX whose document part is megabytes of zeros: a few kB packed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", b"<w:document/>")
        with archive.open("word/media/fyllnad.bin", "w") as part:
            for _ in range(megabytes):
                part.write(b"\x00" * 1024 * 1024)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rapport.docx", DOCM_AS_DOCX),
        ("tabell.xlsx", XLSM_AS_XLSX),
        ("text.odt", ODT_WITH_BASIC),
        ("tabell.xlsx", XLS_WITH_MACROS_AS_XLSX),
    ],
)
def test_packages_with_macros_are_refused(name, content):
    assert document_problem(name, io.BytesIO(content)) == MACROS


def test_packages_that_unpack_beyond_the_limit_are_refused(settings):
    settings.DOCUMENT_MAX_UNPACKED_SIZE = 5 * 1024 * 1024
    bomb = _bomb(6)
    assert len(bomb) < 50 * 1024
    assert document_problem("bomb.docx", io.BytesIO(bomb)) == (
        "Filen skulle ta upp mer än 5 MB uppackad, vilket är mer än som tillåts. Dela upp den i "
        "mindre filer och ladda upp dem en i taget."
    )
    assert document_problem("liten.docx", io.BytesIO(_bomb(4))) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("rapport.docx", DOCM_AS_DOCX, MACROS),
        ("tabell.xlsx", XLSM_AS_XLSX, MACROS),
        ("text.odt", ODT_WITH_BASIC, MACROS),
        ("rapport.docx", OLE_AS_DOCX, "Filens innehåll är inte ett DOCX-dokument"),
        ("tabell.xlsx", XLS_WITH_MACROS_AS_XLSX, MACROS),
        ("rapport.docm", DOCM_AS_DOCX, "Filer av typen .docm kan inte laddas upp"),
        ("tabell.xlsm", XLSM_AS_XLSX, "Filer av typen .xlsm kan inte laddas upp"),
        ("bomb.docx", "bomb", "Filen skulle ta upp mer än 5 MB uppackad"),
    ],
)
def test_unsafe_documents_are_refused_in_both_upload_views(
    editor_client, settings, filename, content, message
):
    settings.DOCUMENT_MAX_UNPACKED_SIZE = 5 * 1024 * 1024
    content = _bomb(6) if content == "bomb" else content
    before = _stored_files()
    response = editor_client.post(
        reverse("wagtaildocs:add"),
        {"title": "Osäker fil", "file": SimpleUploadedFile(filename, content)},
    )
    assert response.status_code == HTTPStatus.OK
    assert message in " ".join(response.context["form"].errors["file"])
    answer = _upload_several(editor_client, reverse("wagtaildocs:add_multiple"), filename, content)
    assert answer["success"] is False
    assert message in answer["error_message"]
    assert not get_document_model().objects.filter(title__in=["Osäker fil", filename]).exists()
    assert _stored_files() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("chooser", "filename", "content", "message"),
    [
        ("wagtailimages_chooser", "trasig.png", BROKEN_IMAGES["truncated.png"], GIVE_A_VALID_IMAGE),
        ("wagtailimages_chooser", "skrap.jpg", BROKEN_IMAGES["junk.jpg"], GIVE_A_VALID_IMAGE),
        ("wagtaildocs_chooser", "rapport.docx", DOCM_AS_DOCX, MACROS),
    ],
)
def test_the_choosers_in_the_page_editor_refuse_them_too(
    editor_client, chooser, filename, content, message
):
    """The upload tab of the image and document choosers, opened from a page being edited."""
    prefix = "image" if chooser.startswith("wagtailimages") else "document"
    before = _stored_files()
    response = editor_client.post(
        reverse(f"{chooser}:create"),
        {
            f"{prefix}-chooser-upload-title": "Från väljaren",
            f"{prefix}-chooser-upload-file": SimpleUploadedFile(filename, content),
        },
    )
    assert response.status_code == HTTPStatus.OK
    answer = response.json()
    assert answer["step"] == "reshow_creation_form"
    assert message in answer["htmlFragment"]
    assert not get_image_model().objects.filter(title="Från väljaren").exists()
    assert not get_document_model().objects.filter(title="Från väljaren").exists()
    assert _stored_files() == before
