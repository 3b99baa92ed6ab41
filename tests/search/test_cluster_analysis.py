"""What only the cluster does, on a real OpenSearch node (tests/search/cluster_harness.py): accent
folding and typos through fuzzy matching, did-you-mean, and the alias swap of a rebuild. Compounds,
synonyms and ranking are the same on every engine (test_contract.py).
"""

import threading
import uuid

import pytest

from search.cluster.transport import ElasticsearchTransport
from search.engines.base import SearchUnavailable
from search.engines.cluster import make_cluster_engine
from search.request import SearchRequest
from tests.search.documents import search_document

DOCUMENTS = [
    search_document(1, "Samordnare för föreningslivet", "En samordnare stödjer föreningar."),
    search_document(2, "Lovaktiviteter", "Unga provar på aktiviteter i en klubb varje lov."),
    search_document(3, "Trygghet i bostadsområden", "Fastighetsägare och kommun samverkar."),
    search_document(4, "Utbyte med Göteborg", "Ett utbyte mellan unga i Testby och storstaden."),
    search_document(5, "Brobyggare i förskolan", "Stöd till vårdnadshavare."),
    search_document(6, "Modersmål i förskolan", "Förskolan samarbetar med en brobyggare ibland."),
    search_document(7, "Läsfrämjande", body="Biblioteket har mycket utrymme."),
]


@pytest.fixture(scope="module")
def engine(opensearch_url):
    engine = make_cluster_engine(
        "opensearch",
        opensearch_url,
        index_prefix=f"test-analysis-{uuid.uuid4().hex[:8]}",
        refresh_on_write=True,
    )
    engine.clear()
    engine.index(DOCUMENTS)
    yield engine
    engine.clear()


def _tokens(engine, analyzer: str, text: str) -> set[str]:
    return set(engine.transport.analyze(engine.alias, analyzer, text))


def _titles(engine, text: str) -> list[str]:
    result = engine.search(SearchRequest(text=text, page_size=50).normalised())
    return [hit.title for hit in result.hits]


def test_accents_are_optional(engine):
    assert _tokens(engine, "sv_folded", "Göteborg") == {"goteborg"}
    assert _titles(engine, "goteborg") == ["Utbyte med Göteborg"]


def test_one_typo_is_forgiven(engine):
    assert set(_titles(engine, "brobygare")) == {"Brobyggare i förskolan", "Modersmål i förskolan"}
    result = engine.search(SearchRequest(text="brobigare").normalised())
    assert result.total == 0
    assert result.suggestion == "brobyggare"


def test_a_title_match_ranks_above_a_body_match(engine):
    assert _titles(engine, "brobyggare") == ["Brobyggare i förskolan", "Modersmål i förskolan"]


def test_unrelated_words_that_contain_a_listed_word_do_not_match(engine):
    # "utrymme" contains "rymme", "biblioteket" contains "bibliotek": only real words count.
    assert _titles(engine, "rymd") == []


# Index lifecycle


def test_rebuild_swaps_the_alias_while_searches_go_on(engine):
    before = set(engine._own_indices())
    failures, stop = [], threading.Event()

    def search_continuously():
        while not stop.is_set():
            try:
                if engine.search(SearchRequest(text="förskolan").normalised()).total < 2:
                    failures.append("missing hits")
            except SearchUnavailable as error:
                failures.append(str(error))

    searcher = threading.Thread(target=search_continuously)
    searcher.start()
    try:
        progress = []
        assert engine.rebuild(iter(DOCUMENTS), chunk_size=3, progress=progress.append) == 7
    finally:
        stop.set()
        searcher.join()
    assert progress == [3, 6, 7]
    assert not failures
    after = engine._own_indices()
    assert len(after) == 1 and after[0] not in before
    assert engine.transport.alias_indices(engine.alias) == after
    assert engine.indexed_versions() == {doc["id"]: doc["version"] for doc in DOCUMENTS}


def test_elasticsearch_client_refuses_opensearch(opensearch_url):
    transport = ElasticsearchTransport([opensearch_url])
    with pytest.raises(SearchUnavailable):
        transport.health()


def test_clear_leaves_no_index_behind_and_the_next_write_starts_afresh(opensearch_url):
    engine = make_cluster_engine(
        "opensearch",
        opensearch_url,
        index_prefix=f"test-clear-{uuid.uuid4().hex[:8]}",
        refresh_on_write=True,
    )
    engine.index(DOCUMENTS[:2])
    engine.clear()
    assert engine._own_indices() == []
    with pytest.raises(SearchUnavailable):
        engine.search(SearchRequest(text="samordnare").normalised())
    engine.index(DOCUMENTS[:1])
    assert engine.indexed_versions() == {1: "v1"}
    engine.clear()
