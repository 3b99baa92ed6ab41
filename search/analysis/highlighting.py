"""Marking the words of a text that a query matched: every form that shares an analysed term
with the query (inflections, compounds containing a query word, synonyms)."""

from __future__ import annotations

import html
from itertools import takewhile

from search.analysis.normalisation import WORD, clean
from search.analysis.query import ParsedQuery
from search.analysis.terms import word_terms

ELLIPSIS = "…"


def highlight_terms(parsed: ParsedQuery) -> frozenset[str]:
    """Every analysed term a document word may carry to be marked for this query."""
    found = set()
    for term in parsed.terms:
        for alternative in term.alternatives:
            found.update(alternative)
    for phrase in parsed.phrases:
        found.update(phrase)
    return frozenset(found)


def _matches(text: str, wanted: frozenset[str]):
    for match in WORD.finditer(text):
        if not wanted.isdisjoint(word_terms(match.group().lower())):
            yield match.span()


def _mark(text: str, spans) -> str:
    parts, position = [], 0
    for start, end in spans:
        parts.append(html.escape(text[position:start]))
        parts.append(f"<mark>{html.escape(text[start:end])}</mark>")
        position = end
    parts.append(html.escape(text[position:]))
    return "".join(parts)


def highlight(text: str | None, terms: frozenset[str]) -> str | None:
    """The text HTML-escaped with every matching word in <mark>; None if no word matches."""
    if not terms:
        return None
    text = clean(text)
    spans = list(_matches(text, terms))
    return _mark(text, spans) if spans else None


def _trim_ellipsis(text: str, start: bool) -> str:
    dots = (ELLIPSIS, "...")
    changed = True
    while changed:
        changed = False
        for mark in dots:
            if start and text.startswith(mark):
                text, changed = text[len(mark) :].lstrip(), True
            elif not start and text.endswith(mark):
                text, changed = text[: -len(mark)].rstrip(), True
    return text


def snippet(text: str | None, terms: frozenset[str], length: int = 200) -> str | None:
    """About `length` characters around the first matching word, escaped and marked, with "…"
    where text was cut (never two); None if no word matches."""
    if not terms:
        return None
    text = clean(text)
    matches = _matches(text, terms)
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
    if start:
        marked = ELLIPSIS + _trim_ellipsis(marked, start=True)
    if end < len(text):
        marked = _trim_ellipsis(marked, start=False) + ELLIPSIS
    return marked
