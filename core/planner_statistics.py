"""Statistics the database's query planner chooses its plans by.

SQLite keeps none until ANALYZE runs, and without them it guesses: on 100,000 cases it found the
home page's participating municipalities by reading every page row (30 ms) instead of the ten
municipality pages (2 ms). PostgreSQL's autovacuum keeps its own; ANALYZE there only refreshes them.
SQLite writes nothing for an empty table, and then assumes it is large: it read all 100,000 page
rows to join them to the empty table of view restrictions (30 ms on every home page). Such tables
are recorded as holding one row – true enough until the next refresh counts them.
Run after `migrate` (core/apps.py), after a bulk load (cases/bulk.py) and daily
(`manage.py refresh_planner_statistics`, docs/operations.md).
"""

from django.db import connections

# Rows SQLite samples per index (its analysis_limit): keeps ANALYZE to a fraction of a second on
# 100,000 cases, and the estimates are as good for choosing between a scan and an index.
SQLITE_ANALYSIS_LIMIT = 1000

SQLITE_EMPTY_TABLES_AS_TINY = """
    INSERT INTO sqlite_stat1 (tbl, idx, stat)
    SELECT name, NULL, '1' FROM sqlite_schema
    WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND sql NOT LIKE 'CREATE VIRTUAL%'
      AND name NOT IN (SELECT tbl FROM sqlite_stat1)
"""


def refresh_planner_statistics(using: str = "default") -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")
        cursor.execute("ANALYZE")
        if connection.vendor == "sqlite":
            cursor.execute(SQLITE_EMPTY_TABLES_AS_TINY)
            cursor.execute("ANALYZE sqlite_schema")  # this connection reads the new figures
