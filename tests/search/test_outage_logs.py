"""A cluster outage is logged twice – when it starts and when it ends, with counts – instead of
a traceback per search."""

import logging
import re
import socket
import uuid

import pytest

from cms.settings.base import LOGGING
from search import outage, service
from search.documents import iter_documents
from search.request import SearchRequest


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def production_log_levels():
    """The logger levels production configures (the test settings configure none)."""
    levels = {name: logging.getLogger(name).level for name in LOGGING["loggers"]}
    for name, config in LOGGING["loggers"].items():
        logging.getLogger(name).setLevel(config["level"])
    yield
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


@pytest.mark.django_db
def test_one_warning_when_the_cluster_stops_and_one_when_it_is_back(
    settings, caplog, opensearch_url, production_log_levels
):
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_INDEX_PREFIX = f"outage-{uuid.uuid4().hex[:8]}"
    settings.SEARCH_TIMEOUT_SECONDS = 1
    settings.SEARCH_ENGINE_URL = opensearch_url
    engine = service.cluster_engine()
    engine.rebuild(iter_documents())
    outage.reset()
    caplog.set_level(logging.DEBUG, logger="search")
    try:
        settings.SEARCH_ENGINE_URL = f"http://127.0.0.1:{_closed_port()}"
        with caplog.at_level(logging.INFO):
            for text in ["skola", "äldreomsorg", "", "cykel", "läxhjälp"] * 2:
                assert service.search_cases(SearchRequest(text=text)).degraded
            settings.SEARCH_ENGINE_URL = opensearch_url
            assert not service.search_cases(SearchRequest(text="skola")).degraded
            assert not service.search_cases(SearchRequest(text="skola")).degraded
    finally:
        engine.clear()

    loud = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert [record.exc_info for record in loud] == [None, None]
    stopped, back = (record.getMessage() for record in loud)
    assert "stopped answering" in stopped
    answered = re.search(r"answers again after \d+ s: (\d+) requests", back)
    assert answered and int(answered.group(1)) >= 10
