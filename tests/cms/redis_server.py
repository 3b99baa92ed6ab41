"""A real Redis for the cache tests: Debian's redis-server on a free loopback port, no disk.

Without redis-server the tests that need it are skipped, except in CI (CI=true), where they fail
(.ci/run installs the package). REDIS_TEST_URL uses a Redis that is already running instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time

import pytest

from tests.servers import _free_port


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture(scope="session")
def redis_url():
    if os.environ.get("REDIS_TEST_URL"):
        yield os.environ["REDIS_TEST_URL"]
        return
    server = shutil.which("redis-server")
    if server is None:
        message = "redis-server is missing (apt-get install redis-server)"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    port = _free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _attempt in range(100):
            if _answers(port):
                break
            if process.poll() is not None:
                pytest.fail(f"redis-server exited with {process.returncode}", pytrace=False)
            time.sleep(0.1)
        else:
            pytest.fail("redis-server did not answer within 10 seconds", pytrace=False)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)
