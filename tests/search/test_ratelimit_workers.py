"""One rate limit for the whole server: gunicorn with two worker processes, production settings
and the default cache (the database table `migrate` creates), counted from outside.

Each worker is a separate process, so a per-process cache would let every worker allow the full
limit, and an increment that is a plain read-then-write would lose counts when requests arrive
together. The access log names the process that answered, so the test knows both workers took
part.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from urllib.error import HTTPError

import pytest

from tests.servers import ROOT, _free_port, manage_ok

LIMIT = 10
GUNICORN = Path(sys.executable).with_name("gunicorn")


def status_of(url: str) -> int:
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except HTTPError as error:
        return error.code


@pytest.fixture
def production_env(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("CACHE_", "REDIS_"))},
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "rate-limit-test-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "SEARCH_ENGINE_URL": "",
        "SEARCH_RATE_LIMIT_PER_MINUTE": str(LIMIT),
    }
    manage_ok(env, "migrate", "--no-input")
    return env


@contextmanager
def gunicorn(env: dict, access_log: Path, workers: int):
    port = _free_port()
    error_log = access_log.with_name("gunicorn-errors.log")
    server = subprocess.Popen(
        [
            str(GUNICORN),
            "-c",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            str(access_log),
            "--access-logformat",
            "%(p)s %(s)s",
            "--error-logfile",
            str(error_log),
            "cms.wsgi",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status_of(base + "/robots.txt")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log = error_log.read_text() if error_log.exists() else ""
                    raise RuntimeError(f"gunicorn did not start:\n{log[-3000:]}") from None
                time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def answering_processes(access_log: Path) -> set[str]:
    return {line.split()[0] for line in access_log.read_text().splitlines() if line.strip()}


def test_two_workers_share_one_limit(production_env, tmp_path):
    access_log = tmp_path / "access.log"
    with gunicorn(production_env, access_log, workers=2) as base:
        url = base + "/api/v1/sok/?q=skola"
        # Six at a time, as a scraper would: the workers count the same client concurrently.
        with ThreadPoolExecutor(max_workers=6) as pool:
            statuses = list(pool.map(status_of, [url] * (3 * LIMIT)))
        # Until both workers have answered at least once (the kernel decides who accepts).
        while len(answering_processes(access_log)) < 2 and len(statuses) < 300:
            statuses.append(status_of(url))

    processes = answering_processes(access_log)
    assert len(processes) == 2, f"the answers came from {processes}, not from both workers"
    assert statuses.count(200) == LIMIT, statuses
    assert statuses.count(429) == len(statuses) - LIMIT
