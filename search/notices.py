"""What the search page and the API say about how a query was understood: the query words used as
filters (with a link to search the literal words) and an applied typo correction (with a link to
search the text as typed). Pure functions of (request, result), like presentation.py."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .presentation import FACET_TITLES, FIELD_PARAMETER, url_for
from .request import SearchRequest, SearchResult

YEARS_TITLE = _("Years")


@dataclass
class InterpretedChip:
    field: str
    parameter: str  # the query-string parameter the value would have ("lan"), "fran" for years
    value: str
    title: str  # "Län"
    label: str  # "Värmland"
    words: str  # the query words it came from, as typed


@dataclass
class Understanding:
    chips: list[InterpretedChip]
    literal_url: str | None  # the same search with the words taken literally (tolka=nej)
    corrected_text: str | None  # the text whose results are shown, when a typo was corrected
    uncorrected_url: str | None  # the same search with the text as typed (ratta=nej)


def _title(field: str) -> str:
    return str(YEARS_TITLE if field == "years" else FACET_TITLES.get(field, field))


def understanding(request: SearchRequest, result: SearchResult) -> Understanding:
    chips = [
        InterpretedChip(
            field=found.field,
            parameter="fran" if found.field == "years" else FIELD_PARAMETER.get(found.field, ""),
            value=found.value,
            title=_title(found.field),
            label=found.label,
            words=found.words,
        )
        for found in result.interpreted
    ]
    return Understanding(
        chips=chips,
        literal_url=url_for(request, interpret=False) if chips else None,
        corrected_text=result.corrected_text,
        uncorrected_url=url_for(request, correct=False) if result.corrected_text else None,
    )
