"""The interface every search engine implements: the database engine and the cluster engines.

The contract suite in tests/search/test_contract.py runs the same tests against each engine.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from search.request import Hit, SearchRequest, SearchResult, Suggestion


class SearchUnavailable(Exception):
    """The engine could not answer (unreachable, timed out, refused). Callers may fall back."""


class SearchEngine(Protocol):
    name: str

    def search(self, request: SearchRequest) -> SearchResult:
        """Hits, total, facet counts and a did-you-mean suggestion for a normalised request.

        Facet counts for one facet apply every *other* selected filter (so a chosen value's
        siblings keep their counts). `suggestion` is set only when nothing matched the text.
        """

    def autocomplete(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        """Case titles, themes and municipalities starting with (or containing a word starting
        with) the prefix; accent-insensitive."""

    def related(self, page_id: int, limit: int = 5) -> list[Hit]:
        """Cases like this one (text similarity and shared themes), other municipalities first,
        never the case itself."""

    def index(self, documents: Iterable[dict]) -> int:
        """Insert or replace documents (search/documents.py shape); returns how many."""

    def delete(self, page_ids: Iterable[int]) -> None:
        """Remove documents; unknown ids are ignored."""

    def indexed_versions(self) -> dict[int, str]:
        """page id -> document version, for reconcile."""

    def clear(self) -> None:
        """Remove every document (tests and full rebuilds)."""
