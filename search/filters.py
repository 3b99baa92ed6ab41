"""The filters and sort orders of a search, defined once: every engine builds its own syntax from
these (search/engines/database.py as ORM filters, search/cluster/query.py as terms queries).

Fields are named as in the search document (search/documents.py); the database engine's entry
columns carry the same names, with `page_id` for `id`.
"""

from __future__ import annotations

# Request filter -> the document field holding the values it matches; any value matches.
FILTER_FIELDS = {
    "themes": "theme_slugs",
    "keywords": "keyword_slugs",
    "target_groups": "target_group_slugs",
    "municipalities": "municipality_code",
    "counties": "county_code",
    "statuses": "status",
    "evidence_levels": "evidence_level",
}
# Filters whose document field is a list (the database engine keeps them as tag rows).
LIST_FILTERS = ("themes", "keywords", "target_groups")
# Sort -> the document fields it orders by, newest or latest first; missing values last. The id
# comes last, so the order is total and pages never overlap.
SORTS = {
    "newest": ("published_at", "id"),
    "start_date": ("start_date", "published_at", "id"),
}


def sort_fields(sort: str) -> tuple[str, ...]:
    """The fields of a sort order other than relevance (unknown sorts order by newest)."""
    return SORTS.get(sort, SORTS["newest"])


def year_range(request) -> dict[str, int | None] | None:
    """Cases active in [year_from, year_to]: with a start year, started by the range's end and
    not ended before its start (an open end is still running). None without a year filter."""
    if request.year_from is None and request.year_to is None:
        return None
    return {"start_year_at_most": request.year_to, "end_year_at_least": request.year_from}
