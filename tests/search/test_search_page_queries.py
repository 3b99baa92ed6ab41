"""The search page's queries (issue #13 asks for at most 10; 9 – see docs/performance.md): one for
every facet count, one for the term statistics, none twice, none for the county map's names (they
come from SCB's list) and none for the footer (one cache entry per content version)."""

from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def test_a_search_with_facets_reads_each_thing_once(client):
    client.get("/sok/?q=skola")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/sok/?q=skola")
    assert response.status_code == 200
    queries = [query["sql"] for query in captured.captured_queries]
    assert len(queries) <= 9, "\n".join(queries)
    assert [sql for sql, count in Counter(queries).items() if count > 1] == []
    assert sum("case_search_casesearchtag" in sql and "GROUP BY" in sql for sql in queries) == 1
    assert not any("cases_municipality" in sql for sql in queries)
    assert not any("cms_sitesettings" in sql or "wagtailcore_site" in sql for sql in queries)
