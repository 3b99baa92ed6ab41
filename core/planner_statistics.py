"""Statistics the database's query planner chooses its plans by.

PostgreSQL's autovacuum keeps its own; ANALYZE there only refreshes them.

SQLite keeps none until ANALYZE runs, and then trusts the snapshot. Both extremes went wrong:
- without statistics, on 100,000 cases it found the home page's participating municipalities by
  reading every page row (30 ms) instead of the ten municipality pages (2 ms), and took the empty
  table of view restrictions for a large one (another 30 ms on every page asking what is public);
- with statistics taken on an almost empty site, it joined every page to every page once the site
  had grown (20,000 generated cases took over 20 minutes instead of one).
So a small site keeps none – SQLite's default estimates suit a database that grows – and a large
one is analysed, with its empty tables recorded as a thousand rows: small beside the pages, yet
not so small that the planner stops using their indexes when they fill up.

Run after `migrate` (core/apps.py), while `generate_cases` grows a site and daily
(`manage.py refresh_planner_statistics`, docs/operations.md).
"""

from django.db import connections

# Below this many pages SQLite plans from its defaults (the snapshot of a small site is outgrown
# first); every benchmark up to 10,000 cases ran that way.
SQLITE_ANALYZED_FROM_PAGES = 10_000
# Rows SQLite samples per index (its analysis_limit): keeps ANALYZE to a fraction of a second on
# 100,000 cases, and the estimates are as good for choosing between a scan and an index.
SQLITE_ANALYSIS_LIMIT = 1000
SQLITE_EMPTY_TABLE_ROWS = 1000

SQLITE_EMPTY_TABLES = """
    INSERT INTO sqlite_stat1 (tbl, idx, stat)
    SELECT name, NULL, %s FROM sqlite_schema
    WHERE type = 'table' AND name NOT LIKE 'sqlite%%' AND sql NOT LIKE 'CREATE VIRTUAL%%'
      AND name NOT IN (SELECT tbl FROM sqlite_stat1)
"""


def refresh_planner_statistics(
    using: str = "default", *, analyzed_from_pages: int = SQLITE_ANALYZED_FROM_PAGES
) -> bool:
    """Refresh (or, for a small SQLite site, drop) the planner's statistics; True if analysed."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor != "sqlite":
            cursor.execute("ANALYZE")
            return True
        cursor.execute("SELECT COUNT(*) FROM wagtailcore_page")
        if cursor.fetchone()[0] < analyzed_from_pages:
            cursor.execute("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'")
            if cursor.fetchone():
                cursor.execute("DELETE FROM sqlite_stat1")
                cursor.execute("ANALYZE sqlite_schema")  # this connection forgets them too
            return False
        cursor.execute(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")
        cursor.execute("ANALYZE")
        cursor.execute(SQLITE_EMPTY_TABLES, [str(SQLITE_EMPTY_TABLE_ROWS)])
        cursor.execute("ANALYZE sqlite_schema")  # this connection reads the new figures
        return True
