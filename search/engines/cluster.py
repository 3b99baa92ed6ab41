"""The search engine backed by an OpenSearch or Elasticsearch cluster.

Documents live in versioned indices `<prefix>-cases-<timestamp>` behind the alias
`<prefix>-cases`; searches and writes go through the alias. `rebuild` loads a fresh index and
swaps the alias atomically, so searches keep answering from the old index until the new one is
complete. Bodies come from search/cluster/query.py; the transport only sends them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from itertools import islice

from search import analysis, ranking
from search.cluster.mapping import case_index, index_source
from search.cluster.query import (
    RELATED_SOURCE,
    autocomplete_body,
    parse_autocomplete_response,
    parse_related_response,
    parse_search_response,
    parse_suggestion,
    related_body,
    search_body,
    suggestion_body,
)
from search.cluster.transport import ClusterTransport, make_transport
from search.documents import DOCUMENT_VERSION_FIELD
from search.request import Hit, SearchRequest, SearchResult, Suggestion

BULK_CHUNK_SIZE = 500
# Index settings once a rebuild has loaded everything: the default refresh interval, and a
# replica wherever there is a second node (as case_index sets them).
LOADED_SETTINGS = {"index": {"refresh_interval": None, "auto_expand_replicas": "0-1"}}
MIN_AUTOCOMPLETE_LENGTH = 2


class IndexingError(Exception):
    """The cluster refused some documents (a mapping conflict, not an outage)."""


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class ClusterEngine:
    def __init__(
        self,
        transport: ClusterTransport,
        *,
        index_prefix: str,
        refresh_on_write: bool = False,
    ):
        self.transport = transport
        self.name = transport.kind
        self.prefix = index_prefix
        self.alias = f"{index_prefix}-cases"
        self.refresh_on_write = refresh_on_write
        self._alias_ready = False

    # -- index names -----------------------------------------------------------------------

    def _new_index_name(self) -> str:
        # Microseconds: two rebuilds in one second must not collide.
        return f"{self.alias}-{datetime.now(UTC).strftime('%Y%m%d%H%M%S%f')}"

    def _own_indices(self) -> list[str]:
        # The wildcard would also match another prefix that starts with ours ("kb-cases-x").
        own = re.compile(rf"^{re.escape(self.alias)}-\d{{20}}$")
        return sorted(
            name for name in self.transport.list_indices(f"{self.alias}-*") if own.match(name)
        )

    def _create_index(self, name: str, *, bulk_load: bool = False) -> None:
        body = case_index(name).to_dict()
        if bulk_load:
            # No refreshes and no replica while loading (LOADED_SETTINGS restores both).
            body["settings"] |= {
                "refresh_interval": "-1",
                "auto_expand_replicas": "false",
                "number_of_replicas": 0,
            }
        self.transport.create_index(name, body)

    def ensure_index(self) -> None:
        """Create an empty aliased index if the alias does not exist yet."""
        if self._alias_ready:
            return
        if not self.transport.alias_indices(self.alias):
            name = self._new_index_name()
            self._create_index(name)
            self.transport.update_aliases([{"add": {"index": name, "alias": self.alias}}])
        self._alias_ready = True

    # -- reads -----------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResult:
        request = request.normalised()  # idempotent; keeps deep pages within max_result_window
        parsed = analysis.parse_query(request.text) if request.text else None
        response = self.transport.search(self.alias, search_body(request, parsed))
        wanted = analysis.highlight_terms(parsed) if parsed else frozenset()
        result = parse_search_response(response, request, engine=self.name, wanted=wanted)
        if parsed and not result.total and ranking.all_terms(parsed):
            # Nothing matched: ask for did-you-mean.
            answer = self.transport.search(self.alias, suggestion_body(request.text))
            result.suggestion = parse_suggestion(answer)
        return result

    def autocomplete(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        prefix = " ".join(prefix.split())[:100]
        if len(prefix) < MIN_AUTOCOMPLETE_LENGTH or limit <= 0:
            return []
        response = self.transport.search(self.alias, autocomplete_body(prefix, limit))
        return parse_autocomplete_response(response, prefix, limit)

    def related(self, page_id: int, limit: int = 5) -> list[Hit]:
        if limit <= 0:
            return []
        document = self._document(page_id, RELATED_SOURCE)
        if document is None:
            return []
        response = self.transport.search(self.alias, related_body(document, limit))
        return parse_related_response(response, document)

    def _document(self, page_id: int, fields: list[str]) -> dict | None:
        body = {"query": {"ids": {"values": [str(page_id)]}}, "_source": fields, "size": 1}
        hits = self.transport.search(self.alias, body)["hits"]["hits"]
        return hits[0]["_source"] if hits else None

    def indexed_versions(self) -> dict[int, str]:
        self.ensure_index()
        body = {
            "query": {"match_all": {}},
            "_source": False,
            "docvalue_fields": [DOCUMENT_VERSION_FIELD],
            "sort": [{"id": "asc"}],
        }
        return {
            int(hit["_id"]): (hit.get("fields", {}).get(DOCUMENT_VERSION_FIELD) or [""])[0]
            for hit in self.transport.iterate(self.alias, body)
        }

    def count(self) -> int:
        return self.transport.count(self.alias)

    # -- writes ----------------------------------------------------------------------------

    def _bulk(self, operations: list[dict], *, refresh: bool | str = False) -> None:
        response = self.transport.bulk(operations, refresh=refresh)
        if not response.get("errors"):
            return
        failures = [
            item
            for entry in response["items"]
            for action, item in entry.items()
            # Deleting a document that is not there is fine.
            if item.get("error") and not (action == "delete" and item.get("status") == 404)
        ]
        if failures:
            raise IndexingError(f"{len(failures)} documents refused, first: {failures[0]['error']}")

    def _write_refresh(self):
        return "wait_for" if self.refresh_on_write else False

    def index(self, documents: Iterable[dict], *, target: str | None = None) -> int:
        if target is None:
            self.ensure_index()
        count = 0
        for chunk in _chunks(documents, BULK_CHUNK_SIZE):
            operations = []
            for document in chunk:
                operations.append(
                    {"index": {"_index": target or self.alias, "_id": str(document["id"])}}
                )
                operations.append(index_source(document))
            self._bulk(operations, refresh=False if target else self._write_refresh())
            count += len(chunk)
        return count

    def delete(self, page_ids: Iterable[int]) -> None:
        self.ensure_index()
        for chunk in _chunks(page_ids, BULK_CHUNK_SIZE):
            operations = [
                {"delete": {"_index": self.alias, "_id": str(page_id)}} for page_id in chunk
            ]
            self._bulk(operations, refresh=self._write_refresh())

    def clear(self) -> None:
        """Remove every document by deleting every index of this prefix, alias and all. The next
        write creates a new empty index; searches until then are SearchUnavailable (so callers
        fall back to the database rather than show an empty library). Nothing is left behind,
        which matters for tests: every index holds its own copy of the analysis settings."""
        self.transport.delete_index(self._own_indices())
        self._alias_ready = False

    def rebuild(
        self,
        documents: Iterable[dict],
        chunk_size: int = BULK_CHUNK_SIZE,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Load a fresh index, then point the alias at it in one atomic step and drop the old
        indices. Searches use the old index until the swap; writes made meanwhile go to the old
        index and are lost with it, so run reconcile after a rebuild."""
        name = self._new_index_name()
        self._create_index(name, bulk_load=True)
        count = 0
        try:
            for chunk in _chunks(documents, chunk_size):
                count += self.index(chunk, target=name)
                if progress:
                    progress(count)
            self.transport.put_settings(name, LOADED_SETTINGS)
            self.transport.refresh(name)
        except Exception:
            self.transport.delete_index([name])
            raise
        aliased = self.transport.alias_indices(self.alias)
        actions = [{"remove": {"index": index, "alias": self.alias}} for index in aliased]
        actions.append({"add": {"index": name, "alias": self.alias}})
        self.transport.update_aliases(actions)
        # The previous indices, and any left behind by an interrupted rebuild.
        self.transport.delete_index([index for index in self._own_indices() if index != name])
        self._alias_ready = True
        return count


def make_cluster_engine(
    kind: str,
    url: str,
    *,
    index_prefix: str,
    refresh_on_write: bool = False,
) -> ClusterEngine:
    """An engine for `kind` ("opensearch" or "elasticsearch") at `url` (comma-separated nodes).

    Timeouts come from the settings SEARCH_TIMEOUT_SECONDS (searches, default 2) and
    SEARCH_WRITE_TIMEOUT_SECONDS (bulk and index administration, default 30).
    """
    from django.conf import settings

    from search.cluster.transport import DEFAULT_SEARCH_TIMEOUT, DEFAULT_WRITE_TIMEOUT

    transport = make_transport(
        kind,
        url,
        search_timeout=float(getattr(settings, "SEARCH_TIMEOUT_SECONDS", DEFAULT_SEARCH_TIMEOUT)),
        write_timeout=float(
            getattr(settings, "SEARCH_WRITE_TIMEOUT_SECONDS", DEFAULT_WRITE_TIMEOUT)
        ),
    )
    return ClusterEngine(transport, index_prefix=index_prefix, refresh_on_write=refresh_on_write)
