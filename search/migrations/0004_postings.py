"""The database engine's text index becomes one postings table, the same on SQLite and
PostgreSQL (search/engines/database_postings.py): one row per analysed term and page with the
term's weight. It replaces the per-vendor full-text table of 0002 (FTS5 / tsvector), which
stemmed and matched each in its own way.

The postings are written by the engine, not here: every indexed entry is marked out of date, so
`search_reconcile` (or `search_rebuild`) re-indexes them after the upgrade.
"""

from django.db import migrations

FORWARD = {
    "sqlite": [
        "DROP TABLE IF EXISTS case_search_fts",
        # WITHOUT ROWID: the primary key is the table, so a term's postings are read in one range.
        "CREATE TABLE case_search_posting (term TEXT NOT NULL, page_id INTEGER NOT NULL, "
        "weight REAL NOT NULL, PRIMARY KEY (term, page_id)) WITHOUT ROWID",
        "CREATE INDEX case_search_posting_page ON case_search_posting (page_id)",
    ],
    "postgresql": [
        "DROP TABLE IF EXISTS case_search_fts",
        # INCLUDE: a term's postings and weights come from the index alone.
        "CREATE TABLE case_search_posting (term text NOT NULL, page_id integer NOT NULL, "
        "weight real NOT NULL, PRIMARY KEY (term, page_id) INCLUDE (weight))",
        "CREATE INDEX case_search_posting_page ON case_search_posting (page_id)",
    ],
}
BACKWARD = {
    "sqlite": [
        "DROP TABLE IF EXISTS case_search_posting",
        "CREATE VIRTUAL TABLE case_search_fts USING fts5("
        "title, summary, tags, place, body, tokenize = 'unicode61 remove_diacritics 0')",
    ],
    "postgresql": [
        "DROP TABLE IF EXISTS case_search_posting",
        "CREATE TABLE case_search_fts ("
        "page_id integer PRIMARY KEY, about tsvector NOT NULL, body tsvector NOT NULL)",
        "CREATE INDEX case_search_fts_about ON case_search_fts "
        "USING GIN (about) WITH (fastupdate = off)",
        "CREATE INDEX case_search_fts_body ON case_search_fts "
        "USING GIN (body) WITH (fastupdate = off)",
    ],
}


def _execute(schema_editor, statements):
    for statement in statements.get(schema_editor.connection.vendor, ()):
        schema_editor.execute(statement)


def forward(apps, schema_editor):
    _execute(schema_editor, FORWARD)
    apps.get_model("case_search", "CaseSearchEntry").objects.update(version="")


def backward(apps, schema_editor):
    _execute(schema_editor, BACKWARD)
    apps.get_model("case_search", "CaseSearchEntry").objects.update(version="")


class Migration(migrations.Migration):
    dependencies = [("case_search", "0003_search_week_stat")]

    operations = [migrations.RunPython(forward, backward)]
