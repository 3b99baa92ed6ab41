"""Facet labels in the visitor's language.

Search documents carry the Swedish names of focus areas and target groups (one index serves both
languages); the English site shows the English names editors gave them (themes' `name_en`),
looked up when a page is shown.
"""

from __future__ import annotations

from dataclasses import replace

from django.conf import settings
from django.utils.translation import get_language

from themes.models import TargetGroup, Theme

from .request import SearchResult

TRANSLATED_FACETS = {"themes": Theme, "target_groups": TargetGroup}


def in_visitor_language(result: SearchResult) -> SearchResult:
    if (get_language() or settings.LANGUAGE_CODE).split("-")[0] == settings.LANGUAGE_CODE:
        return result
    facets = dict(result.facets)
    for field, model in TRANSLATED_FACETS.items():
        values = facets.get(field)
        if not values:
            continue
        slugs = [value.value for value in values]
        names = dict(
            model.objects.filter(slug__in=slugs).exclude(name_en="").values_list("slug", "name_en")
        )
        facets[field] = [
            replace(value, label=names.get(value.value, value.label)) for value in values
        ]
    return replace(result, facets=facets)
