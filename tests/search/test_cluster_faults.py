"""Fault tests on a real three-node cluster of the server under test (SEARCH_SERVER; CI runs them
on OpenSearch 2.19 in the full suite and on OpenSearch 3 and Elasticsearch 7.10 in the server
runs): a lost node is invisible to readers, a lost cluster is invisible to editors, and what was
published meanwhile reaches the cluster when it is back."""

import threading
import time
import uuid
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cases.models import CaseStudyPage, MunicipalityPage
from search import service
from search.documents import iter_documents
from search.request import SearchRequest
from tests.factories import make_case
from tests.search.cluster_harness import CLUSTER_KIND

DEGRADED_NOTICE = "Söktjänsten svarar inte just nu"


def _run_worker() -> None:
    """Run every task that is due, as the deployed worker does (manage.py db_worker)."""
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)


def _wait_until_green(engine, seconds: float = 120) -> None:
    """Every replica allocated: only then is a lost node guaranteed to lose no data."""
    deadline = time.monotonic() + seconds
    while engine.transport.health()["status"] != "green":
        assert time.monotonic() < deadline, "the replica was never allocated"
        time.sleep(0.5)


def _ids(result):
    return [hit.page_id for hit in result.hits]


def _complete(result):
    return sorted(_ids(result)), result.total


@pytest.fixture
def on_three_nodes(cluster_three_nodes, settings):
    """The service on the three-node cluster, with the database task queue and its own index."""
    settings.SEARCH_ENGINE = CLUSTER_KIND
    settings.SEARCH_ENGINE_URL = ",".join(cluster_three_nodes.urls)
    settings.SEARCH_INDEX_PREFIX = f"fault-{uuid.uuid4().hex[:8]}"
    settings.SEARCH_TIMEOUT_SECONDS = 2
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    yield cluster_three_nodes
    engine = service.cluster_engine()
    engine.clear()


@pytest.mark.django_db
def test_a_node_stopped_under_traffic_leaves_every_search_complete(on_three_nodes, client):
    engine = service.cluster_engine()
    total = engine.rebuild(iter_documents())
    _wait_until_green(engine)
    requests = [
        SearchRequest(page_size=50),  # every demo case on one page
        SearchRequest(text="skola", page_size=50),
        SearchRequest(counties=("17",), page_size=50),
    ]
    # Complete means the same cases and the same total. The order of near ties may differ:
    # a primary and its replica score from their own segments' term statistics.
    expected = [_complete(service.search_cases(request)) for request in requests]
    assert expected[0][1] == total

    # The node goes down in the background while readers keep searching.
    stopping = threading.Thread(target=on_three_nodes.stop_node, args=(1,))
    stopping.start()
    rounds = 0
    try:
        while stopping.is_alive() or rounds < 3:
            for request, complete in zip(requests, expected, strict=True):
                result = service.search_cases(request)
                assert not result.degraded
                assert _complete(result) == complete
            page = client.get(reverse("search"), {"q": "skola"})
            assert page.status_code == 200
            assert DEGRADED_NOTICE not in page.content.decode()
            rounds += 1
    finally:
        stopping.join()
        on_three_nodes.start_node(1)
    assert rounds >= 3


# Real commits are needed: index updates are queued when the publishing transaction commits.
# Django flushes the database after such a test, so the demo is loaded inside it.
@pytest.mark.django_db(transaction=True)
def test_a_stopped_cluster_is_invisible_to_editors_and_catches_up_when_back(on_three_nodes, client):
    call_command("load_demo", stdout=StringIO())
    engine = service.cluster_engine()
    engine.rebuild(iter_documents())
    _wait_until_green(engine)
    filipstad = MunicipalityPage.objects.get(municipality__code="1782")
    edited = CaseStudyPage.objects.live().get(title="Brobyggare i skolan")
    withdrawn = CaseStudyPage.objects.live().exclude(pk=edited.pk).first()

    on_three_nodes.stop_all_nodes()
    try:
        # Publishing, editing and unpublishing succeed with the whole cluster down.
        new = make_case(
            filipstad, title="Simskola under driftstoppet", summary="Simskola för vuxna."
        )
        edited.title = "Brobyggare i skolan – reviderad under driftstoppet"
        edited.save_revision().publish()
        withdrawn.unpublish()

        # Search answers from the database, says so, and already knows the changes.
        during = service.search_cases(SearchRequest(text="driftstoppet"))
        assert during.degraded
        assert set(_ids(during)) == {new.pk, edited.pk}
        page = client.get(reverse("search"), {"q": "driftstoppet"})
        assert page.status_code == 200
        assert DEGRADED_NOTICE in page.content.decode()
        _run_worker()  # the cluster does not answer: the updates wait
    finally:
        on_three_nodes.start_all_nodes()

    # Whatever delay the queue chose, an hour later every update is due and sent.
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        _run_worker()
    engine.transport.refresh(engine.alias)
    after = service.search_cases(SearchRequest(text="driftstoppet"))
    assert not after.degraded
    assert set(_ids(after)) == {new.pk, edited.pk}
    assert withdrawn.pk not in engine.indexed_versions()
    out = StringIO()
    call_command("search_reconcile", engine="cluster", check=True, stdout=out)
    assert "no drift" in out.getvalue()
