"""Many rows of one table in one executemany, for bulk writers (cases/bulk.py, the database
search engine's index): bulk_create compiles SQL for every value, which dominated their CPU time."""

from __future__ import annotations

from django.db import connection
from django.db.models.constants import OnConflict
from django.db.models.fields import AutoFieldMixin


def insert_rows(model, objs: list, *, ignore_conflicts: bool = False) -> None:
    """The rows of `model`'s own table for `objs` in one executemany, for rows whose ids nobody
    reads back. bulk_create compiles SQL for every value – a fifth of the bulk path's CPU time."""
    if not objs:
        return
    fields = [
        field
        for field in model._meta.local_concrete_fields
        if not isinstance(field, AutoFieldMixin)
    ]
    rows = [
        [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
        for obj in objs
    ]
    ops = connection.ops
    on_conflict = OnConflict.IGNORE if ignore_conflicts else None
    columns = ", ".join(ops.quote_name(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    suffix = ops.on_conflict_suffix_sql(fields, on_conflict, None, None) or ""
    sql = (
        f"{ops.insert_statement(on_conflict=on_conflict)} {ops.quote_name(model._meta.db_table)}"
        f" ({columns}) VALUES ({placeholders}) {suffix}"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
