"""The vocabulary of query understanding, read from the database and kept in memory.

Municipalities, counties and focus areas change rarely. The built Vocabulary is kept per process
and rebuilt when a generation token in the cache changes (every save or delete of a municipality
or focus area replaces the token), or after VOCABULARY_TTL at the latest – so a process that does
not share the cache with the one that saved (several workers on a local-memory cache) follows
within minutes.
"""

from __future__ import annotations

import threading
import time
import uuid

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cases.choices import Status
from cases.models import Municipality
from themes.models import Theme

from .analysis import STOP_WORDS, stem
from .understanding import Vocabulary

GENERATION_KEY = "search:understanding:generation"
VOCABULARY_TTL = 300  # seconds

_lock = threading.Lock()
_memo: dict[str, object] = {}


def _generation() -> str:
    token = cache.get(GENERATION_KEY)
    if token is None:
        token = uuid.uuid4().hex
        cache.add(GENERATION_KEY, token, None)
        token = cache.get(GENERATION_KEY) or token
    return token


def load_vocabulary() -> Vocabulary:
    rows = list(Municipality.objects.values_list("code", "name", "county_code", "county_name"))
    return Vocabulary.build(
        municipalities=[(code, name) for code, name, _c, _n in rows],
        counties=sorted({(county_code, county) for _c, _n, county_code, county in rows}),
        themes=Theme.objects.values_list("slug", "name"),
        stop_words=STOP_WORDS,
        stem=stem,
    )


def vocabulary() -> Vocabulary:
    generation = _generation()
    now = time.monotonic()
    with _lock:
        if _memo.get("generation") == generation and now - _memo.get("built", 0) < VOCABULARY_TTL:
            return _memo["vocabulary"]
    built = load_vocabulary()
    with _lock:
        _memo.update(generation=generation, built=now, vocabulary=built)
    return built


def status_labels() -> dict[str, str]:
    """Chip labels of the statuses, in the active language ("Avslutad")."""
    return {value: str(label) for value, label in Status.choices}


def invalidate() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    with _lock:
        _memo.clear()


@receiver(post_save, sender=Municipality)
@receiver(post_delete, sender=Municipality)
@receiver(post_save, sender=Theme)
@receiver(post_delete, sender=Theme)
def vocabulary_changed(sender, **kwargs):
    invalidate()
