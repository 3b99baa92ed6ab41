"""Engines for the contract suite: the database engine always, and a real cluster of the server
under test (SEARCH_SERVER: OpenSearch 2.19 by default, OpenSearch 3 or Elasticsearch 7.10), started
from Maven Central artifacts (tests/search/cluster_harness.py); also a running Elasticsearch when
ELASTICSEARCH_URL points at one."""

import uuid

import pytest

from search.documents import iter_documents
from tests.search.cluster_harness import (  # noqa: F401
    TEST_ENGINES,
    cluster_three_nodes,
    cluster_url,
    engine_url,
    opensearch_url,
)

ENGINES = TEST_ENGINES


def _make_engine(request, kind: str):
    if kind == "database":
        from search.engines.database import DatabaseEngine

        return DatabaseEngine()
    from search.engines.cluster import make_cluster_engine

    return make_cluster_engine(
        kind,
        engine_url(request, kind),
        index_prefix=f"test-{uuid.uuid4().hex[:8]}",
        refresh_on_write=True,
    )


@pytest.fixture(params=ENGINES)
def engine(request, db):
    """An engine holding exactly the demo's live cases."""
    engine = _make_engine(request, request.param)
    engine.clear()
    engine.index(iter_documents())
    yield engine
    engine.clear()


@pytest.fixture(params=ENGINES)
def search_backend(request, db, settings):
    """The search service configured as in production for each engine: the database alone, or a
    cluster (holding the demo's live cases) with the database behind it as fallback."""
    from search import service

    if request.param == "database":
        yield service.database_engine()
        return
    settings.SEARCH_ENGINE = request.param
    settings.SEARCH_ENGINE_URL = engine_url(request, request.param)
    settings.SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:8]}"
    engine = service.cluster_engine()
    engine.rebuild(iter_documents(), chunk_size=500)
    yield engine
    engine.clear()


@pytest.fixture
def keep_test_connection():
    """Schemathesis calls the WSGI application itself, and Django then closes the database
    connection at the end of each request – which would end the test's transaction. Django's own
    test client avoids that the same way: by disconnecting close_old_connections."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
