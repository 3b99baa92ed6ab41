"""Real search clusters for the tests, started with tools/search-cluster/start.sh.

SEARCH_SERVER picks the server under test: opensearch2 (the default, OpenSearch 2.19),
opensearch3 (OpenSearch 3.8) or elasticsearch7 (Elasticsearch 7.10.2). CLUSTER_KIND is the
engine kind that talks to it ("opensearch" or "elasticsearch", the SEARCH_ENGINE setting).

`cluster_url` (session): one node of that server on a free loopback port, stopped at the end of
the run. `opensearch_url` (session): the same when the server is an OpenSearch, else an
OpenSearch 2.19 node of its own (for the tests that are about OpenSearch only).
`cluster_three_nodes` (module, only for tests that ask for it): three nodes of the server, with
helpers to stop and restart one of them.

Without Java or Maven the tests that need a cluster are skipped, except in CI (CI=true), where
they fail. Without SEARCH_SERVER, OPENSEARCH_URL=http://127.0.0.1:9200 uses a cluster that is
already running instead, and ELASTICSEARCH_URL adds a running Elasticsearch to the engines.
SEARCH_RUNNER_VERSION picks another runner version (see tools/search-cluster/README.md).
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
SERVERS = ("opensearch2", "opensearch3", "elasticsearch7")
SERVER = os.environ.get("SEARCH_SERVER") or "opensearch2"
if SERVER not in SERVERS:
    raise RuntimeError(f"SEARCH_SERVER={SERVER!r}: one of {', '.join(SERVERS)}")
CLUSTER_KIND = "elasticsearch" if SERVER.startswith("elasticsearch") else "opensearch"
# A running cluster given by URL is used only when SEARCH_SERVER does not ask for a server.
_RUNNING = (
    {}
    if os.environ.get("SEARCH_SERVER")
    else {
        "opensearch": os.environ.get("OPENSEARCH_URL", ""),
        "elasticsearch": os.environ.get("ELASTICSEARCH_URL", ""),
    }
)
# The cluster engines the engine-parametrised tests run on: the server under test, and a running
# Elasticsearch given by ELASTICSEARCH_URL.
CLUSTER_ENGINES = [CLUSTER_KIND]
if _RUNNING.get("elasticsearch") and CLUSTER_KIND != "elasticsearch":
    CLUSTER_ENGINES.append("elasticsearch")
# The engines the engine-parametrised tests (contract, must-find) run on. The server runs of
# `make test-search-servers` set SEARCH_CLUSTER_ONLY=1: the database engine ran in the full suite.
TEST_ENGINES = [
    *([] if os.environ.get("SEARCH_CLUSTER_ONLY") == "1" else ["database"]),
    *CLUSTER_ENGINES,
]
# The JDKs start.sh uses unless JAVA_HOME says otherwise: 17 for OpenSearch 2.19 and
# Elasticsearch 7.10, 21 or later for OpenSearch 3.
JAVA_HOMES = {
    "opensearch2": [Path("/usr/lib/jvm/java-17-openjdk-amd64")],
    "elasticsearch7": [Path("/usr/lib/jvm/java-17-openjdk-amd64")],
    "opensearch3": [
        Path("/usr/lib/jvm/temurin-25-jdk-amd64"),
        Path("/usr/lib/jvm/temurin-21-jdk-amd64"),
        Path("/usr/lib/jvm/java-25-openjdk-amd64"),
        Path("/usr/lib/jvm/java-21-openjdk-amd64"),
    ],
}
START_TIMEOUT = 300
HOW_TO_ENABLE = (
    "install a JDK 17 and Maven (Debian: apt-get install openjdk-17-jdk-headless maven; "
    "OpenSearch 3 needs Java 21 or later, e.g. Temurin) to run the search cluster tests, or set "
    "OPENSEARCH_URL to a running cluster"
)


def _missing_tools(server: str) -> list[str]:
    homes = [Path(os.environ["JAVA_HOME"])] if os.environ.get("JAVA_HOME") else JAVA_HOMES[server]
    missing = []
    if not any((home / "bin" / "java").exists() for home in homes):
        missing.append(f"Java ({homes[0]}/bin/java)")
    if not shutil.which("mvn"):
        missing.append("Maven (mvn)")
    return missing


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"search cluster unavailable in CI: {reason}", pytrace=False)
    pytest.skip(f"search cluster unavailable: {reason}; {HOW_TO_ENABLE}")


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
    server: str = SERVER

    @property
    def kind(self) -> str:
        return "elasticsearch" if self.server.startswith("elasticsearch") else "opensearch"

    @property
    def url(self) -> str:
        return self.urls[0]

    def stop_node(self, node: int) -> None:
        _run(["stop.sh", "--dir", self.directory, "--node", str(node)])

    def start_node(self, node: int) -> None:
        _run(["start.sh", "--dir", self.directory, "--node", str(node)])

    def stop_all_nodes(self) -> None:
        """Stop every node but keep the data, for start_all_nodes."""
        _run(["stop.sh", "--dir", self.directory, "--keep"])

    def start_all_nodes(self) -> None:
        _run(["start.sh", "--dir", self.directory, "--node", "all"])

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


def start_cluster(nodes: int, server: str = SERVER) -> Cluster:
    missing = _missing_tools(server)
    if missing:
        _unavailable("missing " + " and ".join(missing))
    http, transport = _free_port_range(nodes)
    began = time.monotonic()
    try:
        output = _run(
            [
                "start.sh",
                "--server",
                server,
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
        pytest.fail(f"could not start {server}: {exc}", pytrace=False)
    values = dict(line.split("=", 1) for line in output.splitlines() if "=" in line)
    return Cluster(
        urls=values["SEARCH_URLS"].split(","),
        directory=values["SEARCH_DIR"],
        started_in=time.monotonic() - began,
        server=server,
    )


@pytest.fixture(scope="session")
def cluster_url():
    """The URL of a one-node cluster of the server under test (SEARCH_SERVER)."""
    if _RUNNING.get(CLUSTER_KIND):
        yield _RUNNING[CLUSTER_KIND]
        return
    cluster = start_cluster(1)
    try:
        yield cluster.url
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def opensearch_url(request):
    """An OpenSearch node: the server under test if it is one, else OpenSearch 2.19."""
    if CLUSTER_KIND == "opensearch":
        yield request.getfixturevalue("cluster_url")
        return
    if os.environ.get("OPENSEARCH_URL"):
        yield os.environ["OPENSEARCH_URL"]
        return
    cluster = start_cluster(1, "opensearch2")
    try:
        yield cluster.url
    finally:
        cluster.stop()


def engine_url(request, kind: str) -> str:
    """The URL of the cluster for an engine kind of CLUSTER_ENGINES."""
    if kind == CLUSTER_KIND:
        return request.getfixturevalue("cluster_url")
    return _RUNNING[kind]


@pytest.fixture(scope="module")
def cluster_three_nodes():
    cluster = start_cluster(3)
    try:
        yield cluster
    finally:
        cluster.stop()
