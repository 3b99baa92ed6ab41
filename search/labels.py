"""Facet labels and suggestions in the visitor's language.

Search documents carry every label in Swedish and in English (the name editors gave for the
English site, or the Swedish one where none is given); engines return both, and the page picks
one here, without a lookup. Suggestions on the English site link to the English addresses.
"""

from __future__ import annotations

from dataclasses import replace

from django.conf import settings
from django.utils.translation import get_language

from core.language_urls import language_path

from .request import FacetValue, SearchResult, Suggestion


def _language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def _in_english() -> bool:
    return _language() != settings.LANGUAGE_CODE


def _facet_value(value: FacetValue) -> FacetValue:
    return replace(value, label=value.label_en or value.label)


def in_visitor_language(result: SearchResult) -> SearchResult:
    if not _in_english():
        return result
    facets = {field: [_facet_value(v) for v in values] for field, values in result.facets.items()}
    return replace(result, facets=facets)


def suggestions_in_visitor_language(suggestions: list[Suggestion]) -> list[Suggestion]:
    if not _in_english():
        return suggestions
    # Documents hold the Swedish addresses; the English page is the same address under /en/.
    language = _language()
    return [
        replace(s, label=s.label_en or s.label, url=language_path(s.url, language))
        for s in suggestions
    ]
