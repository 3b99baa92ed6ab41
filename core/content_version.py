"""A site-wide token that changes whenever published content changes, and caching keyed by it.

Listings and other expensive parts of public pages are cached under the current token and the
active language. Publishing, unpublishing, moving or deleting a page, or editing the taxonomy,
municipalities or grants, sets a new token (cms/signal_handlers.py), so every cached part is
recomputed on its next use – nothing has to know which entries a change affects.

The token lives in the database, not in the cache: with the default per-process memory cache and
several web workers, a token kept in the cache would change only in the worker that handled the
publish. A random token rather than a counter keeps a rolled-back transaction (a test, a failed
publish) from ever reusing a token whose cached entries were computed from other data.

Within one request the token is read once (the page cache, the listings and the footer all ask):
it is remembered from the first read until the request ends, and forgotten at once when this
process records a change. Outside a request (tasks, commands, the shell) every call reads the row.

This module imports no other app of the project, so any app may use it.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import connections, models, router
from django.utils import translation

__all__ = ["CACHE_SECONDS", "ContentVersion", "bump_content_version", "cached", "content_version"]

T = TypeVar("T")

# A safety net only: entries are normally replaced through a new token long before this. It bounds
# how long a change that sends no signal (a raw SQL fix, a search cluster rebuilt by hand) can hide.
CACHE_SECONDS = 10 * 60

_ROW = 1
_MISSING = object()


class ContentVersion(models.Model):
    """One row: the token of the published content as it is now."""

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "content version"

    def __str__(self) -> str:
        return self.token


class _RequestMemo(threading.local):
    active = False
    token: str | None = None


_memo = _RequestMemo()


def _start_request(**kwargs) -> None:
    _memo.active, _memo.token = True, None


def _end_request(**kwargs) -> None:
    _memo.active, _memo.token = False, None


request_started.connect(_start_request, dispatch_uid="core.content_version.start")
request_finished.connect(_end_request, dispatch_uid="core.content_version.end")


def _read_token() -> str | None:
    # One indexed read, written out: the ORM would spend more time building it than SQLite
    # spends running it, and every page-cache hit asks.
    database = router.db_for_read(ContentVersion)
    connection = connections[database]
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} WHERE id = %s", [_ROW])
        row = cursor.fetchone()
    return row[0] if row else None


def content_version() -> str:
    """The current token; "0" until the first change is recorded."""
    if _memo.active and _memo.token is not None:
        return _memo.token
    token = _read_token() or "0"
    if _memo.active:
        _memo.token = token
    return token


def bump_content_version() -> None:
    """Record that published content changed. Runs inside the caller's transaction, so a change
    that is rolled back takes its new token with it."""
    _memo.token = None
    token = uuid.uuid4().hex
    if not ContentVersion.objects.filter(pk=_ROW).update(token=token):
        ContentVersion.objects.update_or_create(pk=_ROW, defaults={"token": token})


def cache_key(name: str, parts: tuple) -> str:
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"content:{content_version()}:{translation.get_language() or '-'}:{name}:{digest}"


def cached(
    name: str,
    parts: tuple,
    compute: Callable[[], T],
    *,
    keep: Callable[[T], bool] = lambda value: True,
) -> T:
    """`compute()`, cached per content version and language under `name` and `parts`.

    `parts` must identify the value completely (its repr is hashed into the key). A value for
    which `keep(value)` is false is returned but not stored – e.g. a search answered by the
    fallback engine while the cluster is down.
    """
    key = cache_key(name, parts)
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        if keep(value):
            cache.set(key, value, CACHE_SECONDS)
    return value
