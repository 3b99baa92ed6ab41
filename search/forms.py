"""Query-string parameters of /sok/ and the search API, validated into a SearchRequest.

Parameters have Swedish names because the URLs are shared between people (`/sok/?q=läxhjälp&tema=
grundskola&lan=17`). Nothing here rejects a request: unknown or malformed values are dropped and
numbers clamped, so a hand-edited or stale link still shows results instead of an error.
"""

from __future__ import annotations

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.params import parse_int

from .request import (
    DEFAULT_PAGE_SIZE,
    MAX_FILTER_VALUE_LENGTH,
    MAX_PAGE,
    MAX_PAGE_SIZE,
    MAX_SHOWN_INPUT,
    MAX_YEAR,
    MIN_YEAR,
    SearchRequest,
)

# query-string name -> SearchRequest field, for the multi-valued filters
FILTER_PARAMETERS = {
    "tema": "themes",
    "nyckelord": "keywords",
    "kommun": "municipalities",
    "lan": "counties",
    "status": "statuses",
    "malgrupp": "target_groups",
    "evidens": "evidence_levels",
}
SORT_PARAMETER = {"relevans": "relevance", "nyast": "newest", "start": "start_date"}
SORT_VALUE = {value: key for key, value in SORT_PARAMETER.items()}
YES = {"1", "ja", "true", "yes", "on"}
NO = {"0", "nej", "false", "no", "off"}
# "tolka=nej": search the literal words, no filters read from them; "ratta=nej": no typo correction.
INTERPRET_PARAMETER = "tolka"
CORRECT_PARAMETER = "ratta"
# "liknar=<municipality slug>": cases from it and the municipalities most like it.
SIMILAR_PARAMETER = "liknar"


def _first_int(params: QueryDict, name: str, low: int, high: int) -> int | None:
    """ASCII digits only (cases.params); out of range is clamped, like normalised() does."""
    return parse_int(params.get(name) or "", low=low, high=high, clamp=True)


YEAR_PARAMETERS = {"fran": gettext_lazy("From year"), "till": gettext_lazy("To year")}


def ignored_years(params: QueryDict) -> list[str]:
    """A notice for each year filter that was given but is not a number, and so was ignored
    (request_from_params drops it silently; the page says so)."""
    notices = []
    for name, label in YEAR_PARAMETERS.items():
        raw = (params.get(name) or "").strip()
        if raw and parse_int(raw, low=0, high=10**18 - 1) is None:
            notices.append(
                _("%(field)s: “%(value)s” is not a year and was ignored.")
                % {"field": label, "value": raw[:MAX_SHOWN_INPUT]}
            )
    return notices


def request_from_params(params: QueryDict, *, page_size: int | None = None) -> SearchRequest:
    """A normalised SearchRequest from GET parameters; never raises."""
    filters = {field: tuple(params.getlist(name)[:50]) for name, field in FILTER_PARAMETERS.items()}
    indicators = (params.get("resultat") or "").strip().lower()
    request = SearchRequest(
        text=(params.get("q") or "")[:1000],
        year_from=_first_int(params, "fran", MIN_YEAR, MAX_YEAR),
        year_to=_first_int(params, "till", MIN_YEAR, MAX_YEAR),
        has_indicators=True if indicators in YES else False if indicators in NO else None,
        sort=SORT_PARAMETER.get(params.get("sortering", ""), "relevance"),
        page=_first_int(params, "sida", 1, MAX_PAGE) or 1,
        page_size=page_size or _first_int(params, "antal", 1, MAX_PAGE_SIZE) or DEFAULT_PAGE_SIZE,
        interpret=(params.get(INTERPRET_PARAMETER) or "").strip().lower() not in NO,
        correct=(params.get(CORRECT_PARAMETER) or "").strip().lower() not in NO,
        similar_to=(params.get(SIMILAR_PARAMETER) or "").strip()[:MAX_FILTER_VALUE_LENGTH],
        **filters,
    )
    return request.normalised()


def params_from_request(request: SearchRequest, *, page: int | None = None) -> QueryDict:
    """The query string that reproduces a request (the inverse of request_from_params)."""
    params = QueryDict(mutable=True)
    if request.text:
        params["q"] = request.text
    for name, field in FILTER_PARAMETERS.items():
        values = getattr(request, field)
        if values:
            params.setlist(name, list(values))
    if request.year_from is not None:
        params["fran"] = str(request.year_from)
    if request.year_to is not None:
        params["till"] = str(request.year_to)
    if request.has_indicators is not None:
        params["resultat"] = "ja" if request.has_indicators else "nej"
    if request.similar_to:
        params[SIMILAR_PARAMETER] = request.similar_to
    default_sort = "relevance" if request.text else "newest"
    if request.sort != default_sort:
        params["sortering"] = SORT_VALUE[request.sort]
    if not request.interpret:
        params[INTERPRET_PARAMETER] = "nej"
    if not request.correct:
        params[CORRECT_PARAMETER] = "nej"
    page = request.page if page is None else page
    if page != 1:
        params["sida"] = str(page)
    return params


class SearchBox(forms.Form):
    """Only for rendering the text box with its label; parsing is request_from_params."""

    q = forms.CharField(required=False, max_length=200)
