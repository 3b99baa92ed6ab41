"""The counter behind every rate limit: requests per client (or per address, per case) in fixed
time windows, kept in the default cache.

The default cache (a database table, or Redis with REDIS_URL) is shared by all server processes,
so a limit holds for the whole server, and both count atomically: Redis by itself, the database
cache by locking the counter's row first (cms/cache.py). A client is known only by a hash of its
address – the first X-Forwarded-For hop when TRUSTED_PROXY_COUNT says a proxy sets it – and a
counter lives two windows at most.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def client_key(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if proxies and len(forwarded) >= proxies and forwarded[-proxies]:
        address = forwarded[-proxies]
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def count_in_window(name: str, window_seconds: int, now: float | None = None) -> int:
    """Count one more under `name` in the current window; the count so far, this one included."""
    window = int((time.time() if now is None else now) // window_seconds)
    key = f"{name}:{window}"
    cache.add(key, 0, timeout=window_seconds * 2)
    try:
        return cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window_seconds * 2)
        return 1


def seconds_left(window_seconds: int) -> int:
    return window_seconds - int(time.time()) % window_seconds
