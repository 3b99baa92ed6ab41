"""Checks that an uploaded document is what its name says, not just that the name is allowed.

Wagtail checks the file extension against WAGTAILDOCS_EXTENSIONS; a program renamed to .pdf
passes that. These checks read the file's own signature: PDF's header, and for the Office Open XML
and OpenDocument formats the ZIP members that only a real file of that kind has.
"""

from __future__ import annotations

import zipfile
from pathlib import PurePath
from typing import BinaryIO

from django.utils.translation import gettext as _

_OOXML_PART = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
_ODF_MIMETYPE = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}


def document_problem(filename: str, stream: BinaryIO) -> str | None:
    """A Swedish-translatable message if the content does not match the extension, else None.

    Leaves the stream at position 0.
    """
    extension = PurePath(filename).suffix.lower().lstrip(".")
    try:
        stream.seek(0)
        if extension == "pdf":
            valid = stream.read(1024).lstrip().startswith(b"%PDF-")
        elif extension in _OOXML_PART:
            valid = _zip_has(stream, "[Content_Types].xml", _OOXML_PART[extension])
        elif extension in _ODF_MIMETYPE:
            valid = _odf_mimetype(stream) == _ODF_MIMETYPE[extension]
        else:
            return _("Files of type .%(extension)s cannot be uploaded.") % {"extension": extension}
    finally:
        stream.seek(0)
    if valid:
        return None
    return _(
        "The file's content is not a %(type)s document, although its name ends in .%(extension)s. "
        "Save it again as %(type)s and upload that file."
    ) % {"type": extension.upper(), "extension": extension}


def _zip_has(stream: BinaryIO, *names: str) -> bool:
    try:
        with zipfile.ZipFile(stream) as archive:
            members = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return all(name in members for name in names)


def _odf_mimetype(stream: BinaryIO) -> bytes | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            return archive.read("mimetype").strip()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
