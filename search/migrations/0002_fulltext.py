"""The full-text part of the index, which differs per database vendor: a table keyed by page id
beside the entries (so that entry rows stay narrow for counting).

SQLite: an FTS5 table (rowid = page id) holding text already stemmed in Python, since FTS5 has no
Swedish stemmer; diacritics are kept because å, ä and ö are letters of their own in Swedish.
PostgreSQL: two tsvectors built with the 'swedish' configuration, the description (title,
summary, taxonomy, municipality and county) and the body, each with a GIN index.
"""

from django.db import migrations

FORWARD = {
    "sqlite": [
        "CREATE VIRTUAL TABLE case_search_fts USING fts5("
        "title, summary, tags, place, body, tokenize = 'unicode61 remove_diacritics 0')",
    ],
    "postgresql": [
        "CREATE TABLE case_search_fts ("
        "page_id integer PRIMARY KEY, about tsvector NOT NULL, body tsvector NOT NULL)",
        # Without the pending list of fastupdate, new entries are searchable through the index at
        # once; otherwise the planner falls back to reading every vector until the next vacuum.
        "CREATE INDEX case_search_fts_about ON case_search_fts "
        "USING GIN (about) WITH (fastupdate = off)",
        "CREATE INDEX case_search_fts_body ON case_search_fts "
        "USING GIN (body) WITH (fastupdate = off)",
    ],
}
BACKWARD = {
    "sqlite": ["DROP TABLE IF EXISTS case_search_fts"],
    "postgresql": ["DROP TABLE IF EXISTS case_search_fts"],
}


def _execute(schema_editor, statements):
    for statement in statements.get(schema_editor.connection.vendor, ()):
        schema_editor.execute(statement)


def forward(apps, schema_editor):
    _execute(schema_editor, FORWARD)


def backward(apps, schema_editor):
    _execute(schema_editor, BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("case_search", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
