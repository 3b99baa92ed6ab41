"""The query planner has statistics after `migrate` and after the daily refresh: without them
SQLite guessed plans that read every page row on a site with 100,000 cases."""

import pytest
from django.core.management import call_command
from django.db import connection

from themes.models import ThemeIndexPage

pytestmark = pytest.mark.django_db


def _analyzed_tables() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        else:
            cursor.execute(
                "SELECT relname FROM pg_stat_user_tables "
                "WHERE last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL"
            )
        return {row[0] for row in cursor.fetchall()}


def test_the_test_database_was_analyzed_by_migrate():
    # SQLite records no statistics for a table without rows; the page tree has its root.
    assert "wagtailcore_page" in _analyzed_tables()


def test_the_daily_command_refreshes_the_statistics(capsys):
    call_command("refresh_planner_statistics")
    # Empty tables too: without a figure SQLite took the empty table of view restrictions for a
    # large one and read every page row to join the two.
    assert {"wagtailcore_page", "wagtailcore_pageviewrestriction"} <= _analyzed_tables()
    assert "Planner statistics refreshed." in capsys.readouterr().out


def test_the_theme_index_is_found_from_its_own_table():
    """Ordered by the page tree, the database walked every case under /kommuner/ (whose paths
    sort before /teman/'s) to find the one theme index page."""
    query = str(ThemeIndexPage.live_pages()[:1].query)
    assert 'ORDER BY "themes_themeindexpage"."page_ptr_id"' in query
    assert ThemeIndexPage.live_pages().first().slug == "teman"
