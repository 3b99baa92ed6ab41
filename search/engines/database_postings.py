"""The database engine's text index: postings of analysed terms, and the ranking rule in SQL.

One table (migration 0004), the same on SQLite and PostgreSQL: `case_search_posting` with one
row per (term, page id) and the term's stored weight (search.ranking.document_weights). A query
is one SQL statement of the same text on both databases (only the name of the scalar maximum
differs): the rows of the query's terms, grouped per page, give each query term's best
alternative; a page is listed when it matches ParsedQuery.minimum_match() terms and scored by
search/ranking.py. idf is computed from the same table when the query is built.

Terms are always bound parameters; the only values written into the SQL text are floats this
module computed, so no user input is ever read as SQL.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from django.db import connection
from django.db.models.expressions import RawSQL

from search import ranking
from search.models import CaseSearchEntry

TABLE = "case_search_posting"


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _number(value: float) -> str:
    return repr(float(value))


def _placeholders(count: int) -> str:
    return ", ".join(["%s"] * count)


def idf(documents: int, frequency: int) -> float:
    """BM25's (Lucene's) inverse document frequency."""
    return math.log(1 + max(0.0, documents - frequency + 0.5) / (frequency + 0.5))


def inverse_frequencies(terms: list[str]) -> dict[str, float]:
    """Each term's idf over the indexed cases."""
    if not terms:
        return {}
    # The number of cases comes in the same query, as the row without a term.
    frequencies = dict(
        _fetch(
            f"SELECT term, COUNT(*) FROM {TABLE} WHERE term IN ({_placeholders(len(terms))}) "
            f"GROUP BY term UNION ALL SELECT NULL, COUNT(*) FROM {CaseSearchEntry._meta.db_table}",
            terms,
        )
    )
    documents = frequencies.pop(None, 0)
    return {term: idf(documents, frequencies.get(term, 0)) for term in terms}


class RankedQuery:
    """The SQL of one parsed query: which pages match, and their scores."""

    def __init__(self, parsed, greatest: str):
        self.terms = ranking.query_terms(parsed)
        self.minimum = ranking.minimum_match(parsed)
        self.lookup = ranking.all_terms(parsed)
        self.pairs = ranking.query_pairs(parsed)
        self.greatest = greatest
        self._idf = inverse_frequencies([*self.lookup, *self.pairs])

    @property
    def empty(self) -> bool:
        return not self.terms or not self.lookup

    def _grouped(self, scope: tuple[str, list] | None) -> tuple[str, list]:
        """Per page: each looked-up term's weight (NULL when absent) and the pair bonus."""
        columns = [
            f"MAX(CASE WHEN term = %s THEN weight END) AS t{i}" for i in range(len(self.lookup))
        ]
        params: list = list(self.lookup)
        if self.pairs:
            whens = " ".join(
                f"WHEN term = %s THEN weight * {_number(self._idf[p] * bonus)}"
                for p, bonus in self.pairs.items()
            )
            columns.append(f"COALESCE(SUM(CASE {whens} END), 0) AS pairs")
            params += list(self.pairs)
        else:
            columns.append("0 AS pairs")
        wanted = [*self.lookup, *self.pairs]
        where = f"term IN ({_placeholders(len(wanted))})"
        params += wanted
        if scope is not None:
            where += f" AND page_id IN ({scope[0]})"
            params += list(scope[1])
        sql = f"SELECT page_id, {', '.join(columns)} FROM {TABLE} WHERE {where} GROUP BY page_id"
        return sql, params

    def _term_sql(self, term) -> tuple[str, str]:
        """(1 if the query term matches else 0, its score) over the grouped columns."""
        column = {t: f"t{i}" for i, t in enumerate(self.lookup)}
        present, scores = [], []
        for terms, weight in ranking.alternatives(term):
            cols = [column[t] for t in terms]
            present.append("(" + " AND ".join(f"{c} IS NOT NULL" for c in cols) + ")")
            summed = " + ".join(f"{_number(self._idf[t])} * {column[t]}" for t in terms)
            scores.append(f"COALESCE({_number(weight / len(terms))} * ({summed}), 0)")
        matched = f"(CASE WHEN {' OR '.join(present)} THEN 1 ELSE 0 END)"
        score = scores[0] if len(scores) == 1 else f"{self.greatest}({', '.join(scores)})"
        return matched, score

    def _scored(self, scope) -> tuple[str, str, str, list]:
        """(matched count, score, FROM clause, params)."""
        parts = [self._term_sql(term) for term in self.terms]
        matched = "(" + " + ".join(m for m, _s in parts) + ")"
        base = "(" + " + ".join(s for _m, s in parts) + " + pairs)"
        if len(parts) > 1:
            factor = _number(1 + ranking.COVERAGE_BONUS)
            score = f"{base} * (CASE WHEN {matched} = {len(parts)} THEN {factor} ELSE 1 END)"
        else:
            score = base
        grouped, params = self._grouped(scope)
        return matched, score, f"({grouped}) AS grouped", params

    def matching(self) -> RawSQL:
        """Page ids of the matching pages, as a subquery of set operations on the postings'
        primary key: it is read once per facet count, and grouping every row of a common term
        to score it (as ranked() must) cost ten times as much."""
        sets, params = [], []
        for number, term in enumerate(self.terms):
            alternatives = []
            for terms, _weight in ranking.alternatives(term):
                selects = [f"SELECT page_id FROM {TABLE} WHERE term = %s" for _ in terms]
                alternatives.append(" INTERSECT ".join(selects))
                params += list(terms)
            # UNION drops duplicates: each term counts once per page.
            union = " UNION ".join(f"SELECT page_id FROM ({a}) AS a" for a in alternatives)
            sets.append(f"SELECT page_id FROM ({union}) AS t{number}")
        if self.minimum >= len(sets):
            sql = " INTERSECT ".join(sets)
        else:
            sql = (
                f"SELECT page_id FROM ({' UNION ALL '.join(sets)}) AS matches "
                f"GROUP BY page_id HAVING COUNT(*) >= {self.minimum}"
            )
        return RawSQL(sql, tuple(params))

    def ranked(self, scope: tuple[str, list] | None, offset: int, limit: int) -> list[int]:
        """Ids of the matching pages (within the scope subquery, if any), best first."""
        matched, score, source, params = self._scored(scope)
        sql = (
            f"SELECT page_id, {score} AS score FROM {source} WHERE {matched} >= {self.minimum} "
            "ORDER BY score DESC, page_id DESC LIMIT %s OFFSET %s"
        )
        return [page_id for page_id, _score in _fetch(sql, [*params, limit, offset])]


class PostingIndex:
    """Writing and reading case_search_posting; the vendor decides two details only."""

    def __init__(self):
        self.vendor = connection.vendor
        self.greatest = "GREATEST" if self.vendor == "postgresql" else "MAX"

    def query(self, parsed) -> RankedQuery:
        return RankedQuery(parsed, self.greatest)

    def store(self, documents: dict[int, dict]) -> None:
        rows = [
            (term, page_id, weight)
            for page_id, document in documents.items()
            for term, weight in ranking.document_weights(document).items()
            if len(term) <= 200
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (term, page_id, weight) VALUES (%s, %s, %s)", rows
            )

    def refresh_statistics(self) -> None:
        """After a bulk load on PostgreSQL: until autovacuum gets to the tables the planner
        guesses, and may read every posting instead of the index."""
        if self.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    f"ANALYZE {TABLE}, {CaseSearchEntry._meta.db_table}, case_search_casesearchtag"
                )

    def remove(self, page_ids: list[int]) -> None:
        if not page_ids:
            return
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE page_id IN ({_placeholders(len(page_ids))})",
                list(page_ids),
            )

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")

    def ranked_any(self, terms: Iterable[str], limit: int) -> list[tuple[int, float]]:
        """(page id, score) of the pages holding any of the terms, best first (related cases)."""
        terms = list(dict.fromkeys(terms))[: ranking.MAX_TERMS * 2]
        if not terms:
            return []
        idfs = inverse_frequencies(terms)
        whens = " ".join(f"WHEN term = %s THEN weight * {_number(idfs[t])}" for t in terms)
        sql = (
            f"SELECT page_id, SUM(CASE {whens} END) AS score FROM {TABLE} "
            f"WHERE term IN ({_placeholders(len(terms))}) GROUP BY page_id "
            "ORDER BY score DESC, page_id DESC LIMIT %s"
        )
        rows = _fetch(sql, [*terms, *terms, limit])
        return [(page_id, float(score)) for page_id, score in rows]
