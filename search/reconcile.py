"""Comparing what is published with what an engine holds."""

from __future__ import annotations

from dataclasses import dataclass

from .documents import DOCUMENT_VERSION_FIELD, live_cases


@dataclass(frozen=True)
class Drift:
    missing: list[int]  # live, not in the index
    stale: list[int]  # in the index with an older version
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


def live_versions() -> dict[int, str]:
    """page id -> the version its document would have now (see documents.case_document)."""
    return {
        pk: published.isoformat() if published else ""
        for pk, published in live_cases().values_list("pk", "last_published_at")
    }


__all__ = ["DOCUMENT_VERSION_FIELD", "Drift", "compare", "live_versions"]
