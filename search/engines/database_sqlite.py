"""SQLite FTS5 for the database engine: the table created by migration 0002, rowid = page id.

FTS5 has no Swedish stemmer, so text is stemmed in Python (search/text.py) before it is stored and
every query word is stemmed the same way.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from search import text

TABLE = "case_search_fts"
COLUMNS = ("title", "summary", "tags", "place", "body")
# Weights in COLUMNS order: a word in the title weighs ten times as much as one in the body.
_RANK = f"bm25({TABLE}, 10.0, 5.0, 3.0, 2.0, 1.0)"


def _terms(words: list[str]) -> list[str]:
    # Every stem as a quoted string, so no user input is ever read as FTS5 syntax
    # (AND, OR, NOT, NEAR, *, ^, column filters).
    stems = dict.fromkeys(filter(None, map(text.stem, words)))
    return ['"' + stem.replace('"', '""') + '"' for stem in stems]


def _every_word(words: list[str]) -> str:
    """Every word in the description columns, or every word in the body."""
    terms = " ".join(_terms(words))
    return f"{{title summary tags place}} : ({terms}) OR body : ({terms})"


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class SqliteFullText:
    def store(self, texts: list[tuple[int, dict[str, str]]]) -> None:
        rows = [
            (page_id, *(text.stemmed_text(fields[column]) for column in COLUMNS))
            for page_id, fields in texts
        ]
        placeholders = ", ".join(["%s"] * (len(COLUMNS) + 1))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, {', '.join(COLUMNS)}) VALUES ({placeholders})", rows
            )

    def refresh_statistics(self) -> None:
        """Nothing to do: SQLite plans these queries well without statistics."""

    def remove(self, page_ids: list[int]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s", [(i,) for i in page_ids])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")

    def matching(self, words: list[str]) -> RawSQL:
        """Page ids of the documents matching every word, as a subquery."""
        return RawSQL(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", (_every_word(words),))

    def ranked(self, words: list[str], scope: QuerySet, offset: int, limit: int) -> list[int]:
        """Ids of the entries in scope matching every word, best first."""
        scope_sql, scope_params = scope.values("page_id").query.sql_with_params()
        terms = " ".join(_terms(words))
        sql = (
            # "+rowid": without it FTS5 would run the whole match once per id in scope.
            f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s AND +rowid IN ({scope_sql}) "
            # bm25 saturates, so a long body full of the words can outweigh the title: cases with
            # every word in the title come first.
            f"ORDER BY +rowid IN (SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s) DESC, "
            f"{_RANK}, rowid DESC LIMIT %s OFFSET %s"
        )
        params = [_every_word(words), *scope_params, f"title : ({terms})", limit, offset]
        rows = _fetch(sql, params)
        return [page_id for (page_id,) in rows]

    def ranked_any(self, words: list[str], limit: int) -> list[tuple[int, float]]:
        """(page id, score) of the documents holding any of the words, best (highest) first."""
        terms = _terms(words)
        if not terms:
            return []
        # bm25() is negative, lower is better.
        sql = (
            f"SELECT rowid, -{_RANK} AS score FROM {TABLE} WHERE {TABLE} MATCH %s "
            "ORDER BY score DESC LIMIT %s"
        )
        return _fetch(sql, [" OR ".join(terms), limit])
