"""Wagtail's site for a request comes from the content-version cache (cms/middleware.py,
KnownSiteMiddleware): no query for it on a warm page view, and a change to a site is read at the
next request."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

pytestmark = pytest.mark.django_db


def _site_reads(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return sum('FROM "wagtailcore_site"' in query["sql"] for query in queries.captured_queries)


def test_a_warm_page_view_reads_no_site(client):
    _site_reads(client, "/kommuner/")
    assert _site_reads(client, "/kommuner/") == 0
    assert _site_reads(client, "/teman/grundskola/") == 0


def test_a_changed_site_is_read_at_the_next_request(client):
    _site_reads(client, "/kommuner/")
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Kunskapsbanken i test"
    site.save()
    # Read again (Wagtail also rebuilds its list of site root paths), then kept once more.
    assert _site_reads(client, "/kommuner/") >= 1
    assert _site_reads(client, "/kommuner/") == 0


def test_a_host_outside_allowed_hosts_is_refused_and_not_kept(client, settings):
    settings.ALLOWED_HOSTS = ["kunskapsbanken.example"]
    response = client.get("/kommuner/", headers={"host": "elak.example"})
    assert response.status_code == 400
    assert client.get("/kommuner/", headers={"host": "kunskapsbanken.example"}).status_code == 200
