"""Real OpenSearch clusters for the tests, started with tools/search-cluster/start.sh.

`opensearch_url` (session): one node on a free loopback port, stopped at the end of the run.
`opensearch_three_nodes` (module, only for tests that ask for it): three nodes, with helpers to
stop and restart one of them.

Without Java or Maven the tests that need a cluster are skipped, except in CI (CI=true), where
they fail. OPENSEARCH_URL=http://127.0.0.1:9200 uses a cluster that is already running instead;
SEARCH_RUNNER_VERSION=3.8.0.0 starts OpenSearch 3.8 (see tools/search-cluster/README.md).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / "tools" / "search-cluster"
# The JDKs start.sh uses unless JAVA_HOME says otherwise: 17 for OpenSearch 2.x (the default),
# 25 for 3.x (SEARCH_RUNNER_VERSION=3.8.0.0).
JAVA_HOMES = {
    "2": Path("/usr/lib/jvm/java-17-openjdk-amd64"),
    "3": Path("/usr/lib/jvm/temurin-25-jdk-amd64"),
}
START_TIMEOUT = 300
HOW_TO_ENABLE = (
    "install a JDK 17 and Maven (Debian: apt-get install openjdk-17-jdk-headless maven) to run "
    "the OpenSearch tests, or set OPENSEARCH_URL to a running cluster"
)


def _missing_tools() -> list[str]:
    major = os.environ.get("SEARCH_RUNNER_VERSION", "2")[:1]
    java_home = Path(os.environ.get("JAVA_HOME") or JAVA_HOMES.get(major, JAVA_HOMES["2"]))
    missing = []
    if not (java_home / "bin" / "java").exists():
        missing.append(f"Java ({java_home}/bin/java)")
    if not shutil.which("mvn"):
        missing.append("Maven (mvn)")
    return missing


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"OpenSearch cluster unavailable in CI: {reason}", pytrace=False)
    pytest.skip(f"OpenSearch cluster unavailable: {reason}; {HOW_TO_ENABLE}")


def _ports_free(ports) -> bool:
    for port in ports:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                return False
    return True


def _free_port_range(count: int) -> tuple[int, int]:
    """An HTTP and a transport port range of `count` ports each, all free right now."""
    for _ in range(200):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            http = probe.getsockname()[1]
        transport = http + 1000
        if transport + count < 65000 and _ports_free(
            [*range(http, http + count), *range(transport, transport + count)]
        ):
            return http, transport
    raise RuntimeError("no free loopback ports for a search cluster")


@dataclass
class Cluster:
    urls: list[str]
    directory: str
    started_in: float

    @property
    def url(self) -> str:
        return self.urls[0]

    def stop_node(self, node: int) -> None:
        _run(["stop.sh", "--dir", self.directory, "--node", str(node)])

    def start_node(self, node: int) -> None:
        _run(["start.sh", "--dir", self.directory, "--node", str(node)])

    def stop(self) -> None:
        _run(["stop.sh", "--dir", self.directory])


def _run(command: list[str]) -> str:
    result = subprocess.run(
        ["bash", str(TOOLS / command[0]), *command[1:]],
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr}")
    return result.stdout


def start_cluster(nodes: int) -> Cluster:
    missing = _missing_tools()
    if missing:
        _unavailable("missing " + " and ".join(missing))
    http, transport = _free_port_range(nodes)
    began = time.monotonic()
    try:
        output = _run(
            [
                "start.sh",
                "--nodes",
                str(nodes),
                "--port",
                str(http),
                "--transport-port",
                str(transport),
                "--cluster",
                f"kb-test-{http}",
            ]
        )
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        pytest.fail(f"could not start OpenSearch: {exc}", pytrace=False)
    values = dict(line.split("=", 1) for line in output.splitlines() if "=" in line)
    return Cluster(
        urls=values["SEARCH_URLS"].split(","),
        directory=values["SEARCH_DIR"],
        started_in=time.monotonic() - began,
    )


@pytest.fixture(scope="session")
def opensearch_url():
    if os.environ.get("OPENSEARCH_URL"):
        yield os.environ["OPENSEARCH_URL"]
        return
    cluster = start_cluster(1)
    try:
        yield cluster.url
    finally:
        cluster.stop()


@pytest.fixture(scope="module")
def opensearch_three_nodes():
    cluster = start_cluster(3)
    try:
        yield cluster
    finally:
        cluster.stop()
