"""One query, searched the way the /sok/ page searches it (search/views.py search_page): the
request is built from the query string by the page's own form function and answered by the
search service, so whatever the page does with a query – normalising, understanding, correcting,
falling back from a cluster to the database – the benchmark and the must-find tests do too."""

from __future__ import annotations

from django.http import QueryDict


def search_as_page(text: str):
    from search.forms import request_from_params
    from search.service import search_cases

    params = QueryDict(mutable=True)
    params["q"] = text
    return search_cases(request_from_params(params))


def ranked_keys(result, keys_by_page: dict[int, str]) -> list[str]:
    """The first page of hits as case keys (hits outside the set, e.g. demo cases, keep a
    placeholder so ranks stay true)."""
    return [keys_by_page.get(hit.page_id, f"page-{hit.page_id}") for hit in result.hits]
