"""The outbox: one pending update per case, one drain for many changes, and a drain that meets a
failing database or cluster tries again soon instead of failing for good."""

import socket
import uuid
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from search import outbox, service
from search.indexing import cases_changed, enqueue_pages
from search.models import PendingClusterUpdate
from search.tasks import sync_cluster

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued_cluster(settings, opensearch_url):
    """A cluster configured, and tasks going to the database queue as in production."""
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_ENGINE_URL = opensearch_url
    settings.SEARCH_INDEX_PREFIX = f"outbox-{uuid.uuid4().hex[:8]}"
    settings.SEARCH_TIMEOUT_SECONDS = 1
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    engine = service.cluster_engine()
    yield engine
    engine.clear()


def _drains(**filters):
    return DBTaskResult.objects.filter(task_path="search.tasks.sync_cluster", **filters)


def _some_cases(count):
    from search.documents import live_cases

    return list(live_cases().values_list("pk", flat=True)[:count])


def test_many_changes_leave_one_mark_per_case_and_one_drain(
    queued_cluster, django_capture_on_commit_callbacks
):
    cases = _some_cases(5)
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_pages(cases)
        cases_changed(cases[:2])
        enqueue_pages(cases[1:3])
    assert PendingClusterUpdate.objects.count() == 5
    assert _drains().count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_pages(cases[:1])  # a drain is already waiting: it will send this one too
    assert _drains().count() == 1


def test_a_drain_sends_everything_marked_and_clears_only_what_it_read(queued_cluster):
    cases = _some_cases(3)
    outbox.mark(cases)
    taken = outbox.take(10)
    outbox.mark(cases[:1])  # changed again while being sent
    outbox.clear(taken)
    assert list(PendingClusterUpdate.objects.values_list("page_id", flat=True)) == cases[:1]
    sync_cluster.call()
    assert outbox.waiting() == 0
    queued_cluster.transport.refresh(queued_cluster.alias)
    assert set(queued_cluster.indexed_versions()) == set(cases[:1])


def test_a_database_error_in_the_drain_is_retried_soon(queued_cluster, monkeypatch):
    cases = _some_cases(2)
    outbox.mark(cases)

    def broken(engine, page_ids):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("search.tasks.apply_to", broken)
    sync_cluster.call()  # does not raise: the task is not marked failed
    [retry] = _drains(status="READY")
    assert timezone.now() < retry.run_after <= timezone.now() + timedelta(seconds=30)
    assert outbox.waiting() == 2

    monkeypatch.undo()
    sync_cluster.call(**retry.args_kwargs["kwargs"])
    assert outbox.waiting() == 0
    queued_cluster.transport.refresh(queued_cluster.alias)
    assert set(queued_cluster.indexed_versions()) == set(cases)


def test_after_a_long_outage_the_cluster_is_probed_every_30_seconds(queued_cluster, settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        settings.SEARCH_ENGINE_URL = f"http://127.0.0.1:{sock.getsockname()[1]}"
    outbox.mark(_some_cases(1))
    sync_cluster.call(attempt=500)  # the 500th try in a row
    [probe] = _drains(status="READY")
    assert probe.run_after <= timezone.now() + timedelta(seconds=30)
    assert probe.args_kwargs["kwargs"] == {"attempt": 501}
    assert outbox.waiting() == 1


def test_documents_the_cluster_refuses_do_not_block_later_updates(queued_cluster, monkeypatch):
    from search.engines.cluster import IndexingError

    outbox.mark(_some_cases(2))

    def refused(engine, page_ids):
        raise IndexingError("1 documents refused, first: mapper_parsing_exception")

    monkeypatch.setattr("search.tasks.apply_to", refused)
    sync_cluster.call()
    assert outbox.waiting() == 0  # left to search_reconcile, which reports them as drift
    assert not _drains(status="READY").exists()
