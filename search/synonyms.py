"""The synonym groups editors keep in the admin, as the analysis uses them.

`active_groups()` reads the active SynonymGroup rows. It is cached per process and keyed by the
content version (core/content_version.py), which every save or delete of a group replaces
(cms/signal_handlers.py) and which a request has read already: a change anywhere – in this process
or another – is used by the next search, and a rolled back change is forgotten with it.
search.analysis.synonyms.current() asks this module (through the provider registered in
search/apps.py), so every engine expands a new synonym at once:

- the database engines analyse the query at search time and store no synonyms;
- the cluster stores pre-analysed terms too (search/cluster/mapping.py) and receives the query's
  expansions from the same parse_query – it has no synonym filter to update, so a change needs no
  push, no reindex and no downtime.

Seeding: migration 0005 copies the list shipped with the analysis (search/analysis/data/
synonyms.txt) into the table once; after that the table is the truth.
"""

from __future__ import annotations

import threading

from core.content_version import content_version

from .analysis.synonyms import seed_groups
from .synonyms_models import SynonymGroup, split_terms

_lock = threading.Lock()
_memo: dict[str, object] = {}


def load_groups() -> tuple[tuple[str, ...], ...]:
    groups = []
    for words in (
        SynonymGroup.objects.filter(active=True).order_by("pk").values_list("words", flat=True)
    ):
        terms = tuple(split_terms(words))
        if len(terms) >= 2:
            groups.append(terms)
    return tuple(groups)


def active_groups() -> tuple[tuple[str, ...], ...]:
    fingerprint = content_version()
    with _lock:
        if _memo.get("fingerprint") == fingerprint:
            return _memo["groups"]
    groups = load_groups()
    with _lock:
        _memo.update(fingerprint=fingerprint, groups=groups)
    return groups


def guess_kind(terms: list[str]) -> str:
    """'acronym' for "sfi, svenska för invandrare" (a short first word and a spelled-out phrase)."""
    first, rest = terms[0], terms[1:]
    if " " not in first and len(first) <= 5 and any(" " in term for term in rest):
        return SynonymGroup.Kind.ACRONYM
    return SynonymGroup.Kind.SYNONYM


def seed(model=SynonymGroup) -> int:
    """The shipped list into an empty table (migration 0005); returns how many groups."""
    if model.objects.exists():
        return 0
    rows = [
        model(words="\n".join(terms), kind=guess_kind(terms), active=True)
        for terms in (split_terms("\n".join(group)) for group in seed_groups())
        if len(terms) >= 2
    ]
    model.objects.bulk_create(rows)
    return len(rows)
