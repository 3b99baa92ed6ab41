"""Wagtail's own (admin) search entries for new pages, for the bulk path (cases/bulk.py).

What `backend.add_bulk(model, pages)` writes – the task every page save queues – but on SQLite
each page's searchable text is taken once: modelsearch's SQLite indexer reads every search field
three times (for the title, the body and the autocomplete text), and the body's rich text is the
dearest part of the bulk path after the public search. The entries are the same rows
(tests/cases/test_bulk_equivalence.py); other backends, and pages that somehow already have an
entry, go through `add_bulk`.
"""

from __future__ import annotations

from django.db import connection
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.utils import get_content_type_pk
from wagtail.search.backends import get_search_backends
from wagtail.search.models import IndexEntry

from core.bulk_rows import insert_rows


def index_new_pages(model, pages: list) -> None:
    for backend in get_search_backends(with_auto_update=True):
        index = backend.get_index_for_model(model)
        if not _sqlite(index) or not _all_new(index, model, pages):
            backend.add_bulk(model, pages)
            continue
        from modelsearch.backends.database.sqlite.sqlite import ObjectIndexer

        content_type_pk = get_content_type_pk(model)
        insert_rows(
            IndexEntry,
            [
                IndexEntry(
                    content_type_id=content_type_pk,
                    object_id=str(page.pk),
                    **_texts(ObjectIndexer(page, backend), page),
                )
                for page in pages
            ],
        )
        index._refresh_title_norms()


def _sqlite(index) -> bool:
    # The SQLite backend's module can only be imported when SQLite is the database.
    if connection.vendor != "sqlite":
        return False
    from modelsearch.backends.database.sqlite.sqlite import SQLiteIndex

    return isinstance(index, SQLiteIndex)


def _all_new(index, model, pages: list) -> bool:
    return not index.entries.filter(
        content_type_id=get_content_type_pk(model), object_id__in=[str(p.pk) for p in pages]
    ).exists()


def _texts(indexer, page) -> dict[str, str]:
    """ObjectIndexer's title, body and autocomplete, from one pass over the search fields."""
    values = [
        (field, value)
        for search_field in indexer.search_fields
        for field, value in indexer.prepare_field(page, search_field)
    ]
    searched = [(field, value) for field, value in values if isinstance(field, SearchField)]
    return {
        "title": " ".join(value for field, value in searched if field.field_name == "title"),
        "body": " ".join(value for field, value in searched if field.field_name != "title"),
        "autocomplete": " ".join(
            value for field, value in values if isinstance(field, AutocompleteField)
        ),
    }
