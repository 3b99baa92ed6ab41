"""A throwaway PostgreSQL server of a test's own, which the test may stop and start again.

The shared server (tools/postgres/test-cluster.sh) is never stopped by a test; this one lives in
its own data directory on a free port and is removed afterwards. As root the server runs as the
'postgres' system user, as PostgreSQL requires.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.servers import _free_port


def server_binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    return Path(found[-1]) if found and Path(found[-1], "initdb").exists() else None


def _as_owner(*command: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.getuid() == 0 else list(command)


class OwnPostgres:
    def __init__(self, binaries: Path):
        self.bin = binaries
        self.port = _free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="kb-own-pg-"))
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/kunskapsbanken"
        if os.getuid() == 0:
            shutil.chown(self.dir, "postgres")
        self._run(
            "initdb",
            "-D",
            str(self.dir),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        self.start()
        self._run(
            "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "kunskapsbanken"
        )

    def create_database(self, name: str) -> None:
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)

    def _run(self, program: str, *args: str) -> None:
        subprocess.run(
            _as_owner(str(self.bin / program), *args), check=True, capture_output=True, timeout=120
        )

    def start(self) -> None:
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off"
        self._run(
            "pg_ctl",
            "-D",
            str(self.dir),
            "-l",
            str(self.dir / "server.log"),
            "-w",
            "-o",
            options,
            "start",
        )

    def stop(self) -> None:
        """A fast shutdown: open connections are cut, as in a restart or failover."""
        self._run("pg_ctl", "-D", str(self.dir), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        subprocess.run(
            _as_owner(str(self.bin / "pg_ctl"), "-D", str(self.dir), "-m", "immediate", "stop"),
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def own_postgres():
    binaries = server_binaries()
    if binaries is None:
        if os.environ.get("CI") == "true":
            pytest.fail("PostgreSQL server binaries missing in CI", pytrace=False)
        pytest.skip("apt-get install postgresql to run the database outage tests")
    server = OwnPostgres(binaries)
    try:
        yield server
    finally:
        server.remove()
