"""Fault tests on real OpenSearch clusters: an outage never reaches editors or readers, the
queued updates land when the cluster is back, and a replicated cluster survives a lost node."""

import time
import uuid
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from cases.models import CaseStudyPage, MunicipalityPage
from search import service
from search.documents import iter_documents
from search.request import SearchRequest
from tests.factories import make_case
from tests.search.cluster_harness import start_cluster


def _run_worker() -> None:
    """Run every task that is due, in this process (as `manage.py db_worker --batch` would)."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=uuid.uuid4().hex,
        excluded_queue_names=[],
    ).run()


def _wait_until_green(engine, seconds: float = 120) -> None:
    """Every replica allocated: only then is a lost node guaranteed to lose no data."""
    deadline = time.monotonic() + seconds
    while engine.transport.health()["status"] != "green":
        assert time.monotonic() < deadline, "the replica was never allocated"
        time.sleep(0.5)


def _ids(result):
    return [hit.page_id for hit in result.hits]


@pytest.fixture
def cluster_service(settings):
    """The service on a cluster of its own (this test stops it), with the database task queue."""
    cluster = start_cluster(1)
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_ENGINE_URL = cluster.url
    settings.SEARCH_INDEX_PREFIX = f"fault-{uuid.uuid4().hex[:8]}"
    settings.SEARCH_TIMEOUT_SECONDS = 1
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    yield cluster
    cluster.stop()


# Real commits are needed: index updates are enqueued when the publishing transaction commits.
# Django flushes the database after such a test, so the demo is loaded inside it.
@pytest.mark.django_db(transaction=True)
def test_an_outage_is_invisible_to_editors_and_heals_itself(cluster_service):
    call_command("load_demo", stdout=StringIO())
    engine = service.cluster_engine()
    engine.rebuild(iter_documents())
    filipstad = MunicipalityPage.objects.get(municipality__code="1782")
    edited = CaseStudyPage.objects.live().get(title="Brobyggare i skolan")

    # A word no demo case uses ("avbrott" is in several).
    cluster_service.stop_node(1)
    new = make_case(filipstad, title="Simskola under driftstoppet", summary="Simskola för vuxna.")
    edited.title = "Brobyggare i skolan – reviderad under driftstoppet"
    edited.save_revision().publish()

    during = service.search_cases(SearchRequest(text="driftstoppet"))
    assert during.degraded
    assert set(_ids(during)) == {new.pk, edited.pk}
    _run_worker()  # the cluster does not answer: the updates are put back with a delay
    waiting = DBTaskResult.objects.filter(status="READY", run_after__gt=timezone.now())
    assert waiting.exists()

    cluster_service.start_node(1)
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        _run_worker()
    assert not DBTaskResult.objects.filter(status="READY").exists()
    engine.transport.refresh(engine.alias)
    after = service.search_cases(SearchRequest(text="driftstoppet"))
    assert not after.degraded
    assert set(_ids(after)) == {new.pk, edited.pk}
    out = StringIO()
    call_command("search_reconcile", engine="cluster", check=True, stdout=out)
    assert "no drift" in out.getvalue()


@pytest.mark.django_db
def test_three_nodes_with_a_replica_answer_completely_with_one_node_down(
    opensearch_three_nodes, settings
):
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_ENGINE_URL = ",".join(opensearch_three_nodes.urls)
    settings.SEARCH_INDEX_PREFIX = f"replica-{uuid.uuid4().hex[:8]}"
    engine = service.cluster_engine()
    total = engine.rebuild(iter_documents())
    _wait_until_green(engine)
    requests = [SearchRequest(), SearchRequest(text="skola"), SearchRequest(counties=("17",))]
    complete = [service.search_cases(request) for request in requests]
    assert complete[0].total == total
    opensearch_three_nodes.stop_node(1)
    try:
        for request, before in zip(requests, complete, strict=True):
            result = service.search_cases(request)
            assert not result.degraded
            assert result.total == before.total
            assert _ids(result) == _ids(before)
    finally:
        opensearch_three_nodes.start_node(1)
        engine.clear()
