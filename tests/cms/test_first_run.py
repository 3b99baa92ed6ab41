"""What `make run` does on a fresh machine, done for real: a new SQLite database, migrate, the demo
loaded by `first_run`, a real server process, and requests to the home page and one case."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode()


def test_fresh_database_to_browsable_site(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "SECRET_KEY": "smoke-test-only",
    }

    def manage(*args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    manage("migrate", "--no-input")
    assert "44 cases" in manage("first_run")
    assert "demo already loaded" in manage("first_run")
    case_url = (
        manage(
            "shell",
            "-c",
            "from cases.models import CaseStudyPage as C; print(C.objects.live().first().url)",
        )
        .strip()
        .splitlines()[-1]
    )

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                status, home = _fetch(base + "/")
                break
            except OSError:
                assert time.monotonic() < deadline, "the development server did not start"
                time.sleep(0.5)
        assert status == 200
        assert "Kunskapsbanken" in home
        status, case = _fetch(base + case_url)
        assert status == 200
        assert "Exempel – fiktiv insats" in case
    finally:
        server.terminate()
        server.wait(timeout=30)
