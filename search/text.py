"""Swedish text for the database engine: words, stems, accent folding and highlighting.

Being replaced by search.analysis (issue #12); words() and fold() already come from there.

The same functions prepare indexed text and queries, so a query word matches every form of it
that the Swedish Snowball stemmer reduces to the same stem ("brobyggarna" -> "brobygg").
"""

from __future__ import annotations

import html
import re
import threading
import unicodedata
from itertools import takewhile

import Stemmer

# Moving to search.analysis (one analysis for every engine); these two behave the same there.
from search.analysis import fold as fold
from search.analysis import words

_WORD = re.compile(r"[^\W_]+")
# Snowball's Swedish stop words, the list of PostgreSQL's 'swedish' configuration: they are left
# out on SQLite too, so a query finds the same cases on both databases.
_STOP_WORDS = """
    och det att i en jag hon som han på den med var sig för så till är men ett om hade de av
    icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde
    något från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla under
    någon eller allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli blev
    oss din dessa några deras blir mina samma vilken er sådan vår blivit dess inom mellan
    sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt våra ert era
    vilkas
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())
# PyStemmer's stemmer objects are not thread-safe: one per thread.
_local = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("swedish")
    return stemmer


def terms(text: str) -> list[str]:
    """The words a search looks for: every word but the stop words."""
    return [word for word in words(text) if word not in STOP_WORDS]


def stem(word: str) -> str:
    return _stemmer().stemWord(word)


def stemmed_text(text: str) -> str:
    """The text as FTS5 stores it: the stems of its terms."""
    return " ".join(_stemmer().stemWords(terms(text)))


def _matches(text: str, wanted: frozenset[str]):
    # Swedish stemming only strips endings, so a word can only have a wanted stem if it starts with
    # one: the cheap prefix test spares stemming every word of a long body.
    prefixes = tuple(wanted)
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if word.startswith(prefixes) and stem(word) in wanted:
            yield match.span()


def _mark(text: str, spans: list[tuple[int, int]]) -> str:
    parts, position = [], 0
    for start, end in spans:
        parts.append(html.escape(text[position:start]))
        parts.append(f"<mark>{html.escape(text[start:end])}</mark>")
        position = end
    parts.append(html.escape(text[position:]))
    return "".join(parts)


def highlight(text: str, wanted: frozenset[str]) -> str | None:
    """The text HTML-escaped with every word whose stem is wanted in <mark>; None if none is."""
    if not wanted:
        return None
    text = unicodedata.normalize("NFC", text or "")
    spans = list(_matches(text, wanted))
    return _mark(text, spans) if spans else None


def snippet(text: str, wanted: frozenset[str], length: int = 200) -> str | None:
    """About `length` characters around the first wanted word, escaped and marked; None if none."""
    if not wanted:
        return None
    text = unicodedata.normalize("NFC", text or "")
    matches = _matches(text, wanted)
    first = next(matches, None)
    if first is None:
        return None
    start = max(0, first[0] - length // 4)
    if start:
        space = text.find(" ", start, first[0])
        start = space + 1 if space >= 0 else first[0]
    end = min(len(text), max(start + length, first[1]))
    if end < len(text):
        space = text.rfind(" ", first[1], end)
        end = space if space >= 0 else end
    spans = [first, *takewhile(lambda span: span[1] <= end, matches)]
    marked = _mark(text[start:end], [(a - start, b - start) for a, b in spans])
    return ("…" if start else "") + marked + ("…" if end < len(text) else "")
