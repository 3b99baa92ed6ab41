"""The Swedish interface is complete, and the compiled catalogue matches its source."""

import gettext
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "sv" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _unquote(block: str) -> str:
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', block)
    return "".join(parts).encode().decode("unicode_escape").encode("latin-1").decode("utf-8")


def _entries():
    for entry in PO.read_text(encoding="utf-8").split("\n\n"):
        match = re.search(r'^msgid ((?:".*"\n?)+)msgstr ((?:".*"\n?)+)', entry, re.M)
        if match and _unquote(match.group(1)):
            yield entry, _unquote(match.group(1)), _unquote(match.group(2))


def test_every_interface_string_has_a_swedish_translation():
    missing = [msgid for _, msgid, msgstr in _entries() if not msgstr]
    fuzzy = [msgid for entry, msgid, _ in _entries() if "#, fuzzy" in entry]
    assert missing == []
    assert fuzzy == []


def _translated(catalogue, entry: str, msgid: str) -> str:
    context = re.search(r'^msgctxt ((?:".*"\n?)+)', entry, re.M)
    if context:
        return catalogue.pgettext(_unquote(context.group(1)), msgid)
    return catalogue.gettext(msgid)


def test_the_compiled_catalogue_is_up_to_date():
    with MO.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    stale = [
        msgid
        for entry, msgid, msgstr in _entries()
        if _translated(catalogue, entry, msgid) != msgstr
    ]
    assert stale == [], "run `make messages`"
