"""The content token (core/content_version.py): read once per request, never stale across
processes."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.content_version import ContentVersion, bump_content_version, content_version

pytestmark = pytest.mark.django_db

TABLE = ContentVersion._meta.db_table


def _token_reads(queries) -> int:
    return sum(TABLE in query["sql"] and "SELECT" in query["sql"] for query in queries)


def _written_by_another_process(token: str) -> None:
    ContentVersion.objects.update_or_create(pk=1, defaults={"token": token})


def test_outside_a_request_every_call_reads_the_row():
    _written_by_another_process("a" * 32)
    assert content_version() == "a" * 32
    _written_by_another_process("b" * 32)
    assert content_version() == "b" * 32


def test_a_page_reads_the_token_once(client):
    bump_content_version()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert _token_reads(queries.captured_queries) == 1


def test_the_next_request_sees_a_change_made_by_another_process(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    assert client.get("/").get("X-Page-Cache") == "miss"
    assert client.get("/").get("X-Page-Cache") == "hit"
    _written_by_another_process("c" * 32)
    assert client.get("/").get("X-Page-Cache") == "miss"
    cache.clear()


def test_a_change_recorded_in_this_process_is_seen_at_once():
    before = content_version()
    bump_content_version()
    after = content_version()
    assert after != before
    assert ContentVersion.objects.get(pk=1).token == after


def test_a_deployment_serves_no_page_the_old_code_cached(client, settings):
    """Deployments run `migrate`; what the old code cached (whole pages, per-version values in
    shapes the new code may not read) is not served afterwards."""
    from django.core.management import call_command

    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    client.get("/")
    assert client.get("/").get("X-Page-Cache") == "hit"
    call_command("migrate", verbosity=0)
    assert client.get("/").get("X-Page-Cache") == "miss"
    cache.clear()
