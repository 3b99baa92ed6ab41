"""No task stuck, none lost: a real `manage.py db_worker` killed with SIGKILL in the middle of a
cluster update leaves its task RUNNING; once the lease has run out the task is taken back, a new
worker runs it, and the cluster ends up holding exactly what is published."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from contextlib import contextmanager

import pytest

from tests.servers import ROOT, manage, manage_ok

LEASE_SECONDS = 3


@contextmanager
def unanswering_cluster():
    """A port that accepts connections and never answers: a hung cluster node."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        for connection in held:
            connection.close()
        server.close()


@contextmanager
def worker(env: dict):
    process = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-startup-delay",
            "--no-reload",
            "--interval",
            "0.2",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)


def _rows(database: str, sql: str) -> list[tuple]:
    with sqlite3.connect(database, timeout=30) as connection:
        return connection.execute(sql).fetchall()


def _drains(database: str) -> list[tuple]:
    return _rows(
        database,
        "SELECT id, status, worker_ids FROM django_tasks_database_dbtaskresult "
        "WHERE task_path = 'search.tasks.sync_cluster' ORDER BY enqueued_at",
    )


def _wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while not (value := condition()):
        assert time.monotonic() < deadline, f"waited {seconds} s for {what}"
        time.sleep(0.2)
    return value


def _cluster(url: str, method: str, path: str) -> dict:
    request = urllib.request.Request(url + path, method=method)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"{}")


@pytest.fixture
def site(tmp_path, opensearch_url):
    database = tmp_path / "site.sqlite3"
    prefix = f"worker-{uuid.uuid4().hex[:8]}"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("CACHE_", "REDIS_"))},
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "worker-test-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{database}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "SEARCH_ENGINE": "opensearch",
        "SEARCH_INDEX_PREFIX": prefix,
        "TASK_LEASE_SECONDS": str(LEASE_SECONDS),
    }
    manage_ok(env, "migrate", "--no-input")
    manage_ok(env, "setup_site")
    yield env, str(database)
    _cluster(opensearch_url, "DELETE", f"/{prefix}-cases-*")


def test_a_worker_killed_mid_update_loses_nothing(site, opensearch_url):
    env, database = site
    with unanswering_cluster() as hung:
        hung_env = {**env, "SEARCH_ENGINE_URL": hung, "SEARCH_TIMEOUT_SECONDS": "600"}
        # Three published cases: marked in the outbox, one drain task queued for all of them.
        manage_ok(hung_env, "generate_cases", "3", "--municipalities", "1")
        assert len(_drains(database)) == 1
        with worker(hung_env) as first:
            _wait_for(
                lambda: any(status == "RUNNING" for _, status, _ in _drains(database)),
                300,
                "the worker to start the cluster update",
            )
            time.sleep(0.5)  # well inside the request the cluster never answers
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=30)

    [(task_id, status, _)] = _drains(database)
    assert status == "RUNNING"  # claimed by a worker that is gone
    assert _rows(database, "SELECT count(*) FROM case_search_pendingclusterupdate") == [(3,)]

    live_env = {**env, "SEARCH_ENGINE_URL": opensearch_url}
    with worker(live_env):
        time.sleep(LEASE_SECONDS + 1)
        # What the schedule runs every few minutes.
        assert "Took back 1 tasks" in manage_ok(live_env, "search_requeue")
        _wait_for(
            lambda: all(status == "SUCCESSFUL" for _, status, _ in _drains(database)),
            60,
            "the taken-back update to finish",
        )
    assert _rows(database, "SELECT count(*) FROM case_search_pendingclusterupdate") == [(0,)]
    rerun = {row[0]: row for row in _drains(database)}[task_id]
    assert len(json.loads(rerun[2])) == 2  # run by the killed worker, then by the new one

    check = manage(live_env, "search_reconcile", "--engine", "cluster", "--check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "no drift" in check.stdout
    prefix = env["SEARCH_INDEX_PREFIX"]
    _cluster(opensearch_url, "POST", f"/{prefix}-cases/_refresh")
    assert _cluster(opensearch_url, "GET", f"/{prefix}-cases/_count")["count"] == 3
