"""Normalised text and word tokens: the first step of every analysis, for documents and queries."""

from __future__ import annotations

import re
import unicodedata

# Letters and digits; hyphens, apostrophes and every other mark separate words ("Åsele-vägen").
WORD = re.compile(r"[^\W_]+")
# C0/C1 control characters, lone surrogates (invalid UTF-8 decoded with surrogateescape), zero-width
# and direction marks, the byte-order mark.
_JUNK = re.compile(
    r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]"
)


def clean(text: str | None) -> str:
    """NFC, control characters out, whitespace folded to single spaces; case kept."""
    return " ".join(unicodedata.normalize("NFC", _JUNK.sub(" ", text or "")).split())


def normalise(text: str | None) -> str:
    """NFC, lower-case, control characters out, whitespace folded to single spaces."""
    return clean(text).lower()


def words(text: str | None) -> list[str]:
    """Normalised word tokens; å, ä and ö stay as they are (they are letters of their own)."""
    return WORD.findall(normalise(text))


def fold(text: str | None) -> str:
    """Words without accents, space-separated, for accent-insensitive prefix matching:
    "Hällefors kommun" -> "hallefors kommun"."""
    decomposed = unicodedata.normalize("NFKD", _JUNK.sub(" ", text or "")).lower()
    return " ".join(WORD.findall("".join(c for c in decomposed if not unicodedata.combining(c))))
