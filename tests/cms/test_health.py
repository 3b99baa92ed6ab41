"""The health endpoint a load balancer and monitoring poll: /halsa/ and /halsa/webb/."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.search.cluster_harness import cluster_url, opensearch_url  # noqa: F401


def _task(status="READY", enqueued_ago=0, **fields):
    task = DBTaskResult.objects.create(
        status=status,
        task_path="search.tasks.sync_cluster",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        **fields,
    )
    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=timezone.now() - timedelta(seconds=enqueued_ago)
    )
    return task


def _health(client, url="/halsa/"):
    response = client.get(url, HTTP_ACCEPT="application/json")
    assert response["Cache-Control"].startswith("max-age=0")
    assert "no-cache" in response["Cache-Control"]
    return response.status_code, response.json()


@pytest.mark.django_db
def test_healthy_site_answers_200_with_every_check(client):
    status, body = _health(client)
    assert status == 200
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"Database", "Cache", "SearchCluster", "TaskQueue"}
    assert body["checks"]["SearchCluster"]["engine"] == "database"
    assert body["checks"]["TaskQueue"]["waiting"] == 0


@pytest.mark.django_db
def test_a_task_nobody_takes_fails_the_full_check_but_not_the_web_check(client):
    _task(enqueued_ago=600)
    _task(enqueued_ago=5)
    status, body = _health(client)
    assert status == 500
    queue = body["checks"]["TaskQueue"]
    assert not queue["ok"]
    assert "worker" in queue["message"]
    assert queue["waiting"] == 2
    assert queue["oldest_waiting_seconds"] >= 600
    web_status, web = _health(client, "/halsa/webb/")
    assert web_status == 200
    assert set(web["checks"]) == {"Database", "Cache"}


@pytest.mark.django_db
def test_failed_tasks_are_reported(client, settings):
    _task(status="FAILED", finished_at=timezone.now())
    _task(status="FAILED", finished_at=timezone.now() - timedelta(days=3))
    status, body = _health(client)
    assert status == 500
    assert body["checks"]["TaskQueue"]["failed_last_24h"] == 1
    settings.HEALTH_FAILED_TASKS_LIMIT = 1
    assert _health(client)[0] == 200


@pytest.mark.django_db
def test_search_cluster_checked_with_its_health_api(client, settings, opensearch_url):  # noqa: F811
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_ENGINE_URL = opensearch_url
    status, body = _health(client)
    assert body["checks"]["SearchCluster"]["ok"], body
    assert body["checks"]["SearchCluster"]["cluster_status"] in {"green", "yellow"}
    assert status == 200


@pytest.mark.django_db
def test_an_unreachable_search_cluster_fails_the_check(client, settings):
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_ENGINE_URL = "http://127.0.0.1:9"  # discard port: nothing listens
    status, body = _health(client)
    assert status == 500
    assert body["checks"]["SearchCluster"]["message"].endswith("does not answer")
    assert body["checks"]["Database"]["ok"]
