"""PostgreSQL full text for the database engine: the table of migration 0002, one row per page
with two tsvectors built with the 'swedish' configuration (its Snowball stemmer and stop words):
`about` (title A, summary and taxonomy B, municipality and county D) and `body` (C)."""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

TABLE = "case_search_fts"
_CONFIG = "'swedish'::regconfig"
_QUERY = f"plainto_tsquery({_CONFIG}, %s)"
_ABOUT = " || ".join(f"setweight(to_tsvector({_CONFIG}, %s), '{w}')" for w in "ABD")
_BODY = f"setweight(to_tsvector({_CONFIG}, %s), 'C')"
# Every word in the description, or every word in the body; each side has its GIN index.
_EVERY_WORD = "(f.about @@ query OR f.body @@ query)"
# ts_rank weighs A 1.0, B 0.4, C 0.2 and D 0.1. A sum of two ranks rather than the rank of the
# concatenated vectors: the same order in practice, and no new vector built for every row.
_RANK = "(ts_rank(f.about, query) + ts_rank(f.body, query))"


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class PostgresFullText:
    def store(self, texts: list[tuple[int, dict[str, str]]]) -> None:
        rows = [
            (page_id, f["title"], f"{f['summary']} {f['tags']}", f["place"], f["body"])
            for page_id, f in texts
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (page_id, about, body) VALUES (%s, {_ABOUT}, {_BODY})", rows
            )

    def refresh_statistics(self) -> None:
        """After a bulk load: until autovacuum gets to new tables the planner guesses, and scans
        every vector instead of using the GIN indexes (ten times slower at 10,000 cases)."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"ANALYZE {TABLE}, case_search_casesearchentry, case_search_casesearchtag"
            )

    def remove(self, page_ids: list[int]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE page_id = ANY(%s)", [list(page_ids)])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")

    def matching(self, words: list[str]) -> RawSQL:
        """Page ids of the documents matching every word, as a subquery."""
        return RawSQL(
            f"SELECT f.page_id FROM {TABLE} f, {_QUERY} AS query WHERE {_EVERY_WORD}",
            (" ".join(words),),
        )

    def ranked(self, words: list[str], scope: QuerySet, offset: int, limit: int) -> list[int]:
        """Ids of the entries in scope matching every word, best first."""
        scope_sql, scope_params = scope.values("page_id").query.sql_with_params()
        sql = (
            f"SELECT f.page_id FROM {TABLE} f, {_QUERY} AS query "
            f"WHERE {_EVERY_WORD} AND f.page_id IN ({scope_sql}) "
            f"ORDER BY {_RANK} DESC, f.page_id DESC LIMIT %s OFFSET %s"
        )
        rows = _fetch(sql, [" ".join(words), *scope_params, limit, offset])
        return [page_id for (page_id,) in rows]

    def ranked_any(self, words: list[str], limit: int) -> list[tuple[int, float]]:
        """(page id, score) of the documents holding any of the words, best (highest) first."""
        if not words:
            return []
        any_word = " || ".join([_QUERY] * len(words))
        sql = (
            f"SELECT f.page_id, {_RANK} AS score FROM {TABLE} f, (SELECT {any_word} AS query) q "
            f"WHERE {_EVERY_WORD} ORDER BY score DESC, f.page_id DESC LIMIT %s"
        )
        return [(page_id, float(score)) for page_id, score in _fetch(sql, [*words, limit])]
