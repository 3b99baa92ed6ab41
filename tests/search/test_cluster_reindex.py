"""Zero-downtime reindex on the server under test (SEARCH_SERVER; CI runs this on OpenSearch 2.19,
OpenSearch 3 and Elasticsearch 7.10): `search_rebuild` loads a new index – here with a changed
analysis, as a synonym or analyzer change would need – and moves the alias to it in one step,
while readers keep searching and never see an error or an incomplete result."""

import threading
import uuid
from io import StringIO

import pytest
from django.core.management import call_command
from elasticsearch_dsl import analyzer

from search import service
from search.documents import live_cases
from search.engines import cluster as cluster_module
from search.request import SearchRequest
from tests.search.cluster_harness import CLUSTER_KIND

pytestmark = pytest.mark.django_db
PROBE = "sv_reindex_probe"


@pytest.fixture
def cluster_service(cluster_url, settings):
    settings.SEARCH_ENGINE = CLUSTER_KIND
    settings.SEARCH_ENGINE_URL = cluster_url
    settings.SEARCH_INDEX_PREFIX = f"reindex-{uuid.uuid4().hex[:8]}"
    engine = service.cluster_engine()
    call_command("search_rebuild", engine="cluster", verbosity=0, stdout=StringIO())
    yield engine
    engine.clear()


@pytest.fixture
def changed_analysis(monkeypatch):
    """The next index gets one more analyzer, as a changed synonym list or stemmer would."""
    original = cluster_module.case_index

    def case_index(name):
        index = original(name)
        index.analyzer(analyzer(PROBE, tokenizer="keyword", filter=["lowercase"]))
        return index

    monkeypatch.setattr(cluster_module, "case_index", case_index)


def test_rebuild_with_a_changed_analysis_never_leaves_readers_without_search(
    cluster_service, changed_analysis
):
    engine = cluster_service
    everything, skola = SearchRequest().normalised(), SearchRequest(text="skola").normalised()
    total = live_cases().count()
    expected = sorted(hit.page_id for hit in engine.search(skola).hits)
    assert engine.search(everything).total == total and expected
    before = engine._own_indices()
    with pytest.raises(engine.transport.api_errors):  # no such analyzer yet
        engine.transport.analyze(engine.alias, PROBE, "Skola")

    failures, searches, stop = [], [], threading.Event()

    def read_continuously():
        while not stop.is_set():
            try:
                if engine.search(everything).total != total:
                    failures.append("incomplete")
                if sorted(hit.page_id for hit in engine.search(skola).hits) != expected:
                    failures.append("other hits")
            except Exception as error:  # every kind of failure counts
                failures.append(repr(error))
            searches.append(1)

    reader = threading.Thread(target=read_continuously)
    reader.start()
    try:
        call_command("search_rebuild", engine="cluster", verbosity=0, stdout=StringIO())
    finally:
        stop.set()
        reader.join()

    assert not failures, failures[:5]
    assert len(searches) > 1
    after = engine._own_indices()
    assert len(after) == 1 and after[0] not in before
    assert engine.transport.alias_indices(engine.alias) == after
    assert engine.transport.analyze(engine.alias, PROBE, "Skola") == ["skola"]
    assert engine.search(everything).total == total
