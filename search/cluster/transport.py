"""Thin transports to a search cluster: they only send bodies built elsewhere.

OpenSearch goes through opensearch-py, Elasticsearch (7.10 and later) through elastic-transport, the
HTTP layer of the official client (see ElasticsearchTransport for why not the 8.x client). Both
expose the same small method set, return plain dicts, use short timeouts and turn every failure to
reach the cluster (connection refused, timeout, overload, missing index on search) into
SearchUnavailable, so callers can fall back to the database engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from search.engines.base import SearchUnavailable

DEFAULT_SEARCH_TIMEOUT = 2.0
# Bulk loads and index administration legitimately take longer than a search.
DEFAULT_WRITE_TIMEOUT = 30.0
_RAISE = object()
MISSING = object()


class ClusterTransport:
    kind = ""

    def __init__(self, client, *, search_timeout: float, write_timeout: float):
        self.client = client
        self.search_timeout = search_timeout
        self.write_timeout = write_timeout

    # -- adapter hooks ---------------------------------------------------------------------

    # Set by subclasses (after importing their client library lazily): failures to reach the
    # cluster at all, and errors the cluster answered with an HTTP status.
    connection_errors: tuple[type[Exception], ...] = ()
    api_errors: tuple[type[Exception], ...] = ()

    def _invoke(self, path: str, timeout: float, missing_ok: bool, **kwargs) -> Any:
        """Call the client API at `path`; with missing_ok a 404 returns MISSING (quietly: the
        clients log every error status they raise for)."""
        raise NotImplementedError

    def _api_status(self, exc: Exception) -> int:
        raise NotImplementedError

    # -- the one place errors are classified -------------------------------------------------

    def _call(self, path: str, *, timeout: float | None = None, not_found=_RAISE, **kwargs):
        missing_ok = not_found is not _RAISE
        try:
            response = self._invoke(path, timeout or self.search_timeout, missing_ok, **kwargs)
        except self.connection_errors as exc:
            raise SearchUnavailable(f"{self.kind} {path}: {exc}") from exc
        except self.api_errors as exc:
            status = self._api_status(exc)
            if status == 404 and not_found is not _RAISE:
                return not_found
            # A missing index on search, overload and server faults: the cluster cannot answer
            # now. Other 4xx are bugs in the request and surface as they are.
            if status in (404, 408, 429) or status >= 500:
                raise SearchUnavailable(f"{self.kind} {path}: {exc}") from exc
            raise
        return not_found if response is MISSING else response

    # -- reads -----------------------------------------------------------------------------

    def search(self, index: str, body: dict, *, timeout: float | None = None) -> dict:
        return self._call("search", timeout=timeout, index=index, body=dict(body))

    def count(self, index: str, query: dict | None = None) -> int:
        body = {"query": query} if query else None
        return self._call("count", index=index, body=body)["count"]

    def iterate(self, index: str, body: dict, *, page_size: int = 1000) -> Iterator[dict]:
        """Every hit of a sorted query, page by page with search_after (no scroll context to
        leak; a concurrent refresh may show or hide a document, which reconcile tolerates)."""
        body = {**body, "size": page_size}
        while True:
            hits = self.search(index, body, timeout=self.write_timeout)["hits"]["hits"]
            yield from hits
            if len(hits) < page_size:
                return
            body = {**body, "search_after": hits[-1]["sort"]}

    def health(self) -> dict:
        return self._call("cluster.health")

    def analyze(self, index: str, analyzer: str, text: str) -> list[str]:
        body = {"analyzer": analyzer, "text": text}
        return [
            token["token"]
            for token in self._call("indices.analyze", index=index, body=body)["tokens"]
        ]

    # -- writes ----------------------------------------------------------------------------

    def bulk(self, operations: list[dict], *, refresh: bool | str = False) -> dict:
        params = {"refresh": refresh} if refresh else {}
        return self._call("bulk", timeout=self.write_timeout, body=operations, **params)

    def refresh(self, index: str) -> None:
        self._call("indices.refresh", timeout=self.write_timeout, index=index)

    # -- indices and aliases ---------------------------------------------------------------

    def index_exists(self, name: str) -> bool:
        return bool(self._call("indices.exists", index=name))

    def create_index(self, name: str, body: dict) -> None:
        self._call("indices.create", timeout=self.write_timeout, index=name, body=body)

    def delete_index(self, names: list[str]) -> None:
        if names:
            self._call(
                "indices.delete", timeout=self.write_timeout, index=",".join(names), not_found=None
            )

    def put_settings(self, index: str, settings: dict) -> None:
        self._call("indices.put_settings", timeout=self.write_timeout, index=index, body=settings)

    def list_indices(self, pattern: str) -> dict[str, list[str]]:
        """Index name -> its aliases, for the indices matching a wildcard pattern."""
        found = self._call("indices.get_alias", index=pattern, not_found={})
        return {name: sorted(info.get("aliases", {})) for name, info in found.items()}

    def alias_indices(self, alias: str) -> list[str]:
        return sorted(self._call("indices.get_alias", name=alias, not_found={}))

    def update_aliases(self, actions: list[dict]) -> None:
        """Applied atomically by the cluster: searches see the old or the new index, never none."""
        self._call("indices.update_aliases", timeout=self.write_timeout, body={"actions": actions})


class OpenSearchTransport(ClusterTransport):
    kind = "opensearch"

    def __init__(
        self,
        hosts: list[str],
        *,
        search_timeout: float = DEFAULT_SEARCH_TIMEOUT,
        write_timeout: float = DEFAULT_WRITE_TIMEOUT,
    ):
        from opensearchpy import OpenSearch
        from opensearchpy.exceptions import ConnectionError, TransportError

        self.connection_errors = (ConnectionError,)
        self.api_errors = (TransportError,)
        client = OpenSearch(
            hosts=hosts, timeout=search_timeout, max_retries=1, retry_on_timeout=False
        )
        super().__init__(client, search_timeout=search_timeout, write_timeout=write_timeout)

    def _invoke(self, path, timeout, missing_ok, **kwargs):
        target = self.client
        for part in path.split("."):
            target = getattr(target, part)
        if missing_ok:
            kwargs["ignore"] = 404
        # opensearch-py takes the client-side timeout as `request_timeout`; a `timeout` keyword
        # would be sent as the server-side timeout parameter.
        response = target(request_timeout=timeout, **kwargs)
        if missing_ok and isinstance(response, dict) and response.get("status") == 404:
            return MISSING
        return response

    def _api_status(self, exc):
        return exc.status_code if isinstance(exc.status_code, int) else 500


class ClusterApiError(Exception):
    """The cluster answered with an error status (ElasticsearchTransport)."""

    def __init__(self, status: int, body):
        super().__init__(f"HTTP {status}: {body}")
        self.status = status
        self.body = body


# Client API name -> HTTP method and path, for the calls ClusterTransport makes.
_ROUTES = {
    "search": ("POST", "/{index}/_search"),
    "count": ("POST", "/{index}/_count"),
    "cluster.health": ("GET", "/_cluster/health"),
    "indices.analyze": ("POST", "/{index}/_analyze"),
    "bulk": ("POST", "/_bulk"),
    "indices.refresh": ("POST", "/{index}/_refresh"),
    "indices.exists": ("HEAD", "/{index}"),
    "indices.create": ("PUT", "/{index}"),
    "indices.delete": ("DELETE", "/{index}"),
    "indices.put_settings": ("PUT", "/{index}/_settings"),
    "indices.update_aliases": ("POST", "/_aliases"),
}


class ElasticsearchTransport(ClusterTransport):
    """Elasticsearch 7.10 and later over elastic-transport, the HTTP layer of the official client.

    The official 8.x client cannot be used for 7.x: it sends compatibility media types
    (`compatible-with=8`) that 7.10 refuses, and its product check rejects a 7.10.2 built from
    source (build_flavor "unknown"). The bodies are plain JSON, the same elasticsearch-dsl
    definitions every server gets, so plain typeless REST calls serve 7.10 and 8.x alike. Our own
    product check refuses OpenSearch, which would answer but is not what was configured.
    """

    kind = "elasticsearch"

    def __init__(
        self,
        hosts: list[str],
        *,
        search_timeout: float = DEFAULT_SEARCH_TIMEOUT,
        write_timeout: float = DEFAULT_WRITE_TIMEOUT,
    ):
        from elastic_transport import SerializationError, Transport, TransportError
        from elastic_transport.client_utils import url_to_node_config

        self.connection_errors = (TransportError, SerializationError)
        self.api_errors = (ClusterApiError,)
        client = Transport(
            [url_to_node_config(host) for host in hosts],
            max_retries=1,
            retry_on_timeout=False,
            meta_header=False,
        )
        super().__init__(client, search_timeout=search_timeout, write_timeout=write_timeout)
        self._checked = False

    def _request(self, method: str, path: str, timeout: float, body=None, params=None):
        from urllib.parse import urlencode

        headers = {"accept": "application/json"}
        if body is not None:
            headers["content-type"] = (
                "application/x-ndjson" if isinstance(body, list) else "application/json"
            )
        if params:
            path += "?" + urlencode(params)
        response = self.client.perform_request(
            method, path, body=body, headers=headers, request_timeout=timeout
        )
        return response.meta.status, response.body

    def _check_product(self, timeout: float) -> None:
        if self._checked:
            return
        status, info = self._request("GET", "/", timeout)
        if status >= 400:
            raise ClusterApiError(status, info)
        version = info.get("version", {}) if isinstance(info, dict) else {}
        if version.get("distribution") == "opensearch":
            from elastic_transport import TransportError

            raise TransportError("the server is OpenSearch, not Elasticsearch")
        self._checked = True

    def _invoke(self, path, timeout, missing_ok, **kwargs):
        from urllib.parse import quote

        self._check_product(timeout)
        index = kwargs.pop("index", None)
        name = kwargs.pop("name", None)
        body = kwargs.pop("body", None)
        if path == "indices.get_alias":
            method, url = "GET", f"/{quote(index, safe=',*')}/_alias" if index else "/_alias"
            if name:
                url = f"{url}/{quote(name, safe=',*')}"
        else:
            method, url = _ROUTES[path]
            url = url.format(index=quote(index or "", safe=",*"))
        params = {key: str(value).lower() for key, value in kwargs.items()}
        status, answer = self._request(method, url, timeout, body, params)
        if path == "indices.exists":
            return status == 200
        if status == 404 and missing_ok:
            return MISSING
        if status >= 400:
            raise ClusterApiError(status, answer)
        return answer

    def _api_status(self, exc):
        return exc.status


def make_transport(kind: str, url: str, **timeouts) -> ClusterTransport:
    """`url` may list several nodes, comma-separated."""
    hosts = [host.strip() for host in url.split(",") if host.strip()]
    if kind == "opensearch":
        return OpenSearchTransport(hosts, **timeouts)
    if kind == "elasticsearch":
        return ElasticsearchTransport(hosts, **timeouts)
    raise ValueError(f"unknown search cluster kind {kind!r} (opensearch or elasticsearch)")
