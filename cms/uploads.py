"""Checks that an uploaded file is what its name says, not just that the name is allowed.

Wagtail checks the file extension against WAGTAILDOCS_EXTENSIONS; a program renamed to .pdf
passes that. These checks read the file's own signature: PDF's header, and for the Office Open XML
and OpenDocument formats the ZIP members that only a real file of that kind has. Packages are also
refused when they carry macros (program code: vbaProject.bin, ODF Basic/Scripts, or an old binary
Office file with a VBA project under a new name) or unpack to more
than DOCUMENT_MAX_UNPACKED_SIZE bytes (a "zip bomb"). Images are decoded completely once, so a
truncated or junk file is refused at upload instead of failing later in every thumbnail.
"""

from __future__ import annotations

import zipfile
from pathlib import PurePath
from typing import BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image

_OOXML_PART = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
_ODF_MIMETYPE = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
DEFAULT_MAX_UNPACKED_SIZE = 200 * 1024 * 1024
MAX_PACKAGE_PARTS = 10_000
_CHUNK = 1024 * 1024
_SMALL_PART = 1024 * 1024  # parts read whole (mimetype, [Content_Types].xml) must be small
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_VBA_NAME = "_VBA_PROJECT".encode("utf-16-le")


class _Refused(Exception):
    """A package problem with its message; raised while walking the archive."""


def document_problem(filename: str, stream: BinaryIO) -> str | None:
    """A Swedish-translatable message if the file may not be uploaded, else None.

    Leaves the stream at position 0.
    """
    extension = PurePath(filename).suffix.lower().lstrip(".")
    if extension != "pdf" and extension not in _OOXML_PART and extension not in _ODF_MIMETYPE:
        return _("Files of type .%(extension)s cannot be uploaded.") % {"extension": extension}
    try:
        stream.seek(0)
        if extension == "pdf":
            valid = stream.read(1024).lstrip().startswith(b"%PDF-")
        else:
            valid = _package_is(extension, stream)
        if not valid and _ole_with_macros(stream):
            raise _Refused(_macros_message())
    except _Refused as refused:
        return str(refused)
    finally:
        stream.seek(0)
    if valid:
        return None
    return _(
        "The file's content is not a %(type)s document, although its name ends in .%(extension)s. "
        "Save it again as %(type)s and upload that file."
    ) % {"type": extension.upper(), "extension": extension}


def max_unpacked_size() -> int:
    return getattr(settings, "DOCUMENT_MAX_UNPACKED_SIZE", DEFAULT_MAX_UNPACKED_SIZE)


def _package_is(extension: str, stream: BinaryIO) -> bool:
    """True if the ZIP package is a clean file of this kind; raises _Refused for macros or a
    package that unpacks too large; False for anything else (not a ZIP, wrong parts, corrupt)."""
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            _check_size(archive, members)
            if _has_macros(archive, names):
                raise _Refused(_macros_message())
            if extension in _OOXML_PART:
                return {"[Content_Types].xml", _OOXML_PART[extension]} <= names
            return _small_part(archive, "mimetype").strip() == _ODF_MIMETYPE[extension]
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, RuntimeError):
        # Not a ZIP, a missing part, a bad CRC, an unsupported compression (NotImplementedError
        # is a RuntimeError), an encrypted part.
        return False


def _check_size(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    """Refuse too many parts or more than max_unpacked_size() bytes once unpacked. The sizes in
    the directory can lie, so the parts are really unpacked (in chunks, stopping at the limit)."""
    limit = max_unpacked_size()
    too_large = _Refused(
        _(
            "The file would take up more than %(max)d MB unpacked, which is more than is allowed. "
            "Split it into smaller files and upload them one at a time."
        )
        % {"max": limit // (1024 * 1024)}
    )
    if len(members) > MAX_PACKAGE_PARTS:
        raise _Refused(
            _("The file consists of more than %(max)d parts, which is more than is allowed.")
            % {"max": MAX_PACKAGE_PARTS}
        )
    if sum(member.file_size for member in members) > limit:
        raise too_large
    total = 0
    for member in members:
        with archive.open(member) as part:
            while chunk := part.read(_CHUNK):
                total += len(chunk)
                if total > limit:
                    raise too_large


def _has_macros(archive: zipfile.ZipFile, names: set[str]) -> bool:
    for name in names:
        lowered = name.lower()
        if lowered.endswith(("vbaproject.bin", "vbadata.xml")):
            return True  # Office: the VBA project, whatever the extension says (.docm as .docx)
        if lowered.startswith(("basic/", "scripts/")) and not lowered.endswith("/"):
            return True  # OpenDocument: Basic modules and scripts
    if "[Content_Types].xml" in names:
        return b"macroenabled" in _small_part(archive, "[Content_Types].xml").lower()
    return False


def _ole_with_macros(stream: BinaryIO) -> bool:
    """True for an old binary Office file (OLE compound file: .doc, .xls, .docm's ancestors)
    holding a VBA project – its directory names the stream _VBA_PROJECT in UTF-16."""
    stream.seek(0)
    if stream.read(len(_OLE_SIGNATURE)) != _OLE_SIGNATURE:
        return False
    tail = b""
    while chunk := stream.read(_CHUNK):
        if _OLE_VBA_NAME in tail + chunk:
            return True
        tail = chunk[-len(_OLE_VBA_NAME) :]
    return False


def _macros_message() -> str:
    return _(
        "The file contains macros (program code), which cannot be uploaded. Save it without "
        "macros, for example as .docx or .xlsx, and upload that file."
    )


def _small_part(archive: zipfile.ZipFile, name: str) -> bytes:
    if archive.getinfo(name).file_size > _SMALL_PART:
        return b""
    return archive.read(name)


def image_decodes(stream: BinaryIO) -> bool:
    """True if every frame of the image decodes completely (after the pixel limit was checked).

    Reading only the header – which Wagtail's form does – lets a GIF header followed by text, or a
    PNG cut in half, through; the failure then comes later, as a server error in the upload view
    or a broken thumbnail. Leaves the stream at position 0.
    """
    try:
        stream.seek(0)
        with Image.open(stream) as image:
            for frame in range(getattr(image, "n_frames", 1)):
                image.seek(frame)
                image.load()
    # Pillow's decoders raise many kinds (OSError, SyntaxError, ValueError, struct.error,
    # EOFError, IndexError...) for broken input; any of them means "not a valid image".
    except Exception:
        return False
    finally:
        stream.seek(0)
    return True
