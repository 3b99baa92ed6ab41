"""The filtered case list of /sok/ as rows for a download.

The cases and their order are the search page's own: the search app's `case_ids` (passed in, as
`cases` does not import `search` – docs/architecture.md) turns the page's criteria into page ids,
with the filters and sort orders defined once in search/filters.py. Each id is then read from the
published, public cases again, so an index that lags behind an unpublication or a new view
restriction never leaks a case into a file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from cases.models import public_cases

from .case_rows import PageUrls, case_rows_in_order


def case_list_rows(
    criteria: Any, urls: PageUrls, *, case_ids: Callable[[Any], Iterable[int]]
) -> Iterator[dict]:
    """Rows of the public cases the search page lists for these criteria, in its order."""
    return case_rows_in_order(case_ids(criteria), public_cases(), urls)
