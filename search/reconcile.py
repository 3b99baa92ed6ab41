"""Comparing what is published with what an engine holds, by content.

For every live case the document it should have is built and fingerprinted
(documents.fingerprint); for every case an engine holds, the same fingerprint is computed from
what the engine actually stores – not from a version it was told. So a lost update, a move, a
renamed theme or municipality, or a document altered behind the application's back all count
as stale, and reconcile rewrites them.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .documents import DOCUMENT_VERSION_FIELD, FINGERPRINTED_FIELDS, fingerprint, iter_documents


@dataclass(frozen=True)
class Drift:
    missing: list[int]  # live, not in the index
    stale: list[int]  # in the index with other content
    orphaned: list[int]  # in the index, no longer live

    @property
    def total(self) -> int:
        return len(self.missing) + len(self.stale) + len(self.orphaned)

    @property
    def to_update(self) -> list[int]:
        return sorted(self.missing + self.stale + self.orphaned)


def compare(live: dict[int, str], indexed: dict[int, str]) -> Drift:
    return Drift(
        missing=sorted(set(live) - set(indexed)),
        stale=sorted(pk for pk in set(live) & set(indexed) if live[pk] != indexed[pk]),
        orphaned=sorted(set(indexed) - set(live)),
    )


# -- what a cluster holds: the document itself, as its _source ------------------------------------


class ClusterContent:
    def __init__(self, engine):
        self.engine = engine

    def expected(self, document: dict) -> str:
        return fingerprint(document)

    def stored(self) -> dict[int, str]:
        engine = self.engine
        engine.ensure_index()
        body = {
            "query": {"match_all": {}},
            "_source": list(FINGERPRINTED_FIELDS),
            "sort": [{"id": "asc"}],
        }
        return {
            int(hit["_id"]): fingerprint(hit.get("_source") or {})
            for hit in engine.transport.iterate(engine.alias, body)
        }


# -- what the database engine holds: the document, its row and its tags ---------------------------


class DatabaseContent:
    def expected(self, document: dict) -> str:
        from .engines.database import _entry, _tags, _without_nul

        document = _without_nul(document)  # as the database engine stores it
        entry = _entry(document)
        tags = [(t.kind, t.slug, t.name, t.name_en, t.url) for t in _tags(entry.page_id, document)]
        return _combine(fingerprint(document), _row(entry), tags)

    def stored(self) -> dict[int, str]:
        from .models import CaseSearchDocument, CaseSearchEntry, CaseSearchTag

        columns = _row_columns()
        rows = {row[0]: row[1:] for row in CaseSearchEntry.objects.values_list("pk", *columns)}
        tags = defaultdict(list)
        columns = ("entry_id", "kind", "slug", "name", "name_en", "url")
        for entry_id, *tag in CaseSearchTag.objects.values_list(*columns):
            tags[entry_id].append(tuple(tag))
        stored = {}
        documents = CaseSearchDocument.objects.values_list("entry_id", "data")
        for page_id, data in documents.iterator(chunk_size=500):
            if page_id in rows:
                stored[page_id] = _combine(
                    fingerprint(data), _values(rows[page_id]), tags.get(page_id, [])
                )
        for page_id in rows.keys() - stored.keys():
            stored[page_id] = "no document"
        return stored


def _row_columns() -> list[str]:
    from .models import CaseSearchEntry

    return [
        field.attname
        for field in CaseSearchEntry._meta.concrete_fields
        if not field.primary_key and field.attname != DOCUMENT_VERSION_FIELD
    ]


def _row(entry) -> list[str]:
    return _values(getattr(entry, column) for column in _row_columns())


def _values(values: Iterable) -> list[str]:
    return [value.isoformat() if hasattr(value, "isoformat") else repr(value) for value in values]


def _combine(document_digest: str, row: list[str], tags: list[tuple]) -> str:
    text = "\n".join([document_digest, *row, *map(repr, sorted(tags))])
    return hashlib.blake2b(text.encode(), digest_size=20).hexdigest()


# -- both ----------------------------------------------------------------------------------------


def content_of(engine):
    """How to read what `engine` holds."""
    from .engines.database import DatabaseEngine

    return DatabaseContent() if isinstance(engine, DatabaseEngine) else ClusterContent(engine)


def live_fingerprints(contents: dict[str, object]) -> dict[str, dict[int, str]]:
    """label -> page id -> what that engine should hold for the case, for every live case (the
    documents are built once for all engines)."""
    live: dict[str, dict[int, str]] = {label: {} for label in contents}
    for document in iter_documents():
        for label, content in contents.items():
            live[label][document["id"]] = content.expected(document)
    return live


__all__ = ["DOCUMENT_VERSION_FIELD", "Drift", "compare", "content_of", "live_fingerprints"]
