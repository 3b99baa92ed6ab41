"""The database engine's filters and facet counts as SQL text, written once, run on SQLite and
PostgreSQL alike.

The ORM built the nine facet counts of a search as nine querysets in a UNION ALL and compiled
them on every request: about 10 ms of CPU per search – more than the database took to run the
statement (tests/search/engines/test_database.py keeps the counts the same; docs/performance.md
has the figures). Here each condition is a few lines of text with its parameters; values only
ever travel as parameters.

`Where` is a conjunction of conditions on an entry's columns; the text match comes in as the
subquery of matching page ids (database_postings.RankedQuery.matching).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from search import filters
from search.models import CaseSearchEntry, CaseSearchTag
from search.request import FACETS, SearchRequest

ENTRY_TABLE = connection.ops.quote_name(CaseSearchEntry._meta.db_table)
TAG_TABLE = connection.ops.quote_name(CaseSearchTag._meta.db_table)
# Facet -> (entry column counted, entry column with the label or None for a fixed label).
# Municipality and county names are the same in both languages.
COLUMNS = {
    "municipalities": ("municipality_code", "municipality"),
    "counties": ("county_code", "county"),
    "statuses": ("status", None),
    "evidence_levels": ("evidence_level", None),
    "start_years": ("start_year", None),
    "has_indicators": ("has_indicators", None),
}


def _column(field: str) -> str:
    return connection.ops.quote_name(CaseSearchEntry._meta.get_field(field).column)


def _marks(values) -> str:
    return ", ".join(["%s"] * len(values))


@dataclass(frozen=True)
class Where:
    """Conditions on an entry, joined with AND; none means every entry."""

    clauses: tuple[str, ...] = ()
    params: tuple = ()

    @property
    def sql(self) -> str:
        return " AND ".join(f"({clause})" for clause in self.clauses)

    def entry_ids(self) -> tuple[str, tuple]:
        """SELECT of the page ids of the entries that meet the conditions."""
        where = f" WHERE {self.sql}" if self.clauses else ""
        return f"SELECT {_column('page_id')} FROM {ENTRY_TABLE}{where}", self.params


def where(request: SearchRequest, matching: tuple[str, tuple] | None = None) -> Where:
    """search/filters.py's filters of `request` (and, with `matching`, the text match)."""
    clauses: list[str] = []
    params: list = []
    page_id = _column("page_id")
    if matching is not None:
        clauses.append(f"{page_id} IN ({matching[0]})")
        params += matching[1]
    for name, field in filters.FILTER_FIELDS.items():
        values = request.filter_values(name)
        if not values:
            continue
        if name in filters.LIST_FILTERS:
            clauses.append(
                f"{page_id} IN (SELECT entry_id FROM {TAG_TABLE} "
                f"WHERE kind = %s AND slug IN ({_marks(values)}))"
            )
            params += [name, *values]
        else:
            clauses.append(f"{_column(field)} IN ({_marks(values)})")
            params += values
    years = filters.year_range(request)
    if years is not None:
        start, end = _column("start_year"), _column("end_year")
        clauses.append(f"{start} IS NOT NULL")
        if years["start_year_at_most"] is not None:
            clauses.append(f"{start} <= %s")
            params.append(years["start_year_at_most"])
        if years["end_year_at_least"] is not None:
            clauses.append(f"{end} IS NULL OR {end} >= %s")
            params.append(years["end_year_at_least"])
    if request.has_indicators is not None:
        clauses.append(f"{_column('has_indicators')} = %s")
        params.append(request.has_indicators)
    return Where(tuple(clauses), tuple(params))


def facet_counts(request: SearchRequest, matching: tuple[str, tuple] | None):
    """Rows of (value as text, label, English label, count, facet) for every facet, each counted
    over the entries that match the request without that facet's own filter – one statement."""
    selects, params = [], []
    for name in FACETS:
        others = request.without(name)
        # Counting over every entry needs no "among these entries" subquery, which costs more
        # than the count itself.
        everything = matching is None and not others.has_filters
        scope = Where() if everything else where(others, matching)
        sql, scope_params = _count(name, scope)
        selects.append(sql)
        params += scope_params
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        return cursor.fetchall()


def _count(name: str, scope: Where) -> tuple[str, tuple]:
    # Facet names are the fixed identifiers of search.request.FACETS, never input.
    if name in filters.LIST_FILTERS:
        within = ""
        params: tuple = (name,)
        if scope.clauses:
            ids, ids_params = scope.entry_ids()
            within = f" AND entry_id IN ({ids})"
            params += ids_params
        return (
            "SELECT slug, MAX(name), MAX(name_en), COUNT(entry_id), "
            f"'{name}' FROM {TAG_TABLE} WHERE kind = %s{within} GROUP BY slug",
            params,
        )
    field, label_field = COLUMNS[name]
    text = "varchar" if connection.vendor == "postgresql" else "text"
    value = f"CAST({_column(field)} AS {text})"
    label = f"MAX({_column(label_field)})" if label_field else "''"
    where_sql = f" WHERE {scope.sql}" if scope.clauses else ""
    return (
        f"SELECT {value}, {label}, {label}, COUNT(*), '{name}' "
        f"FROM {ENTRY_TABLE}{where_sql} GROUP BY {value}",
        scope.params,
    )
