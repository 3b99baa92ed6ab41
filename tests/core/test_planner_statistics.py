"""The query planner's statistics: refreshed on a large site, none on a small SQLite site – a
snapshot of an almost empty site made SQLite join every page to every page once it had grown,
and no statistics on 100,000 cases made it read every page row for the home page."""

import pytest
from django.core.management import call_command
from django.db import connection

from core.planner_statistics import SQLITE_EMPTY_TABLE_ROWS, refresh_planner_statistics
from themes.models import ThemeIndexPage

pytestmark = pytest.mark.django_db


def _table_rows() -> dict[str, str]:
    """Table -> what the statistics say of it (SQLite: its stat1 figure; PostgreSQL: 'analysed')."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT relname, 'analysed' FROM pg_stat_user_tables "
                "WHERE last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL"
            )
            return dict(cursor.fetchall())
        cursor.execute("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'")
        if not cursor.fetchone():
            return {}
        cursor.execute("SELECT tbl, stat FROM sqlite_stat1")
        return {table: stat.split()[0] for table, stat in cursor.fetchall()}


def test_a_large_site_is_analysed_with_its_empty_tables_as_small_not_tiny():
    assert refresh_planner_statistics(analyzed_from_pages=0)
    rows = _table_rows()
    assert "wagtailcore_page" in rows
    if connection.vendor == "sqlite":
        # The empty table of view restrictions: small beside the pages, so it is read first.
        assert rows["wagtailcore_pageviewrestriction"] == str(SQLITE_EMPTY_TABLE_ROWS)


def test_a_small_sqlite_site_keeps_no_statistics_after_the_daily_command(capsys):
    refresh_planner_statistics(analyzed_from_pages=0)
    call_command("refresh_planner_statistics")
    out = capsys.readouterr().out
    if connection.vendor == "sqlite":
        assert _table_rows() == {}
        assert "A small site" in out
    else:
        assert "wagtailcore_page" in _table_rows()
        assert "Planner statistics refreshed." in out


def test_the_theme_index_is_found_from_its_own_table():
    """Ordered by the page tree, the database walked every case under /kommuner/ (whose paths
    sort before /teman/'s) to find the one theme index page."""
    query = str(ThemeIndexPage.live_pages()[:1].query)
    assert 'ORDER BY "themes_themeindexpage"."page_ptr_id"' in query
    assert ThemeIndexPage.live_pages().first().slug == "teman"
