"""Per-client rate limiting for search, suggestions, feeds and the API.

A fixed one-minute window per client in the cache: simple, and enough to keep one scraper from
starving everyone else. The client is identified by a hash of its address (the first
X-Forwarded-For hop when TRUSTED_PROXY_COUNT says a proxy sets it), never stored beyond the
window. The default cache (a database table, or Redis with REDIS_URL) is shared by all server
processes, so the limit holds for the whole server; tests/search/test_ratelimit_workers.py checks
it with two gunicorn workers. Both count atomically: Redis by itself, the database cache by locking
the counter's row first (cms/cache.py).
"""

from __future__ import annotations

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import gettext as _

WINDOW_SECONDS = 60


def client_key(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if proxies and len(forwarded) >= proxies and forwarded[-proxies]:
        address = forwarded[-proxies]
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def check(request, scope: str) -> int | None:
    """None if the request may go ahead, else the seconds until the window resets."""
    limit = settings.SEARCH_RATE_LIMIT_PER_MINUTE
    if not limit:
        return None
    window = int(time.time() // WINDOW_SECONDS)
    key = f"ratelimit:{scope}:{client_key(request)}:{window}"
    cache.add(key, 0, timeout=WINDOW_SECONDS * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS * 2)
        count = 1
    if count > limit:
        return WINDOW_SECONDS - int(time.time()) % WINDOW_SECONDS
    return None


def too_many_requests(retry_after: int) -> HttpResponse:
    response = HttpResponse(
        _("Too many requests. Wait a minute and try again."),
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(retry_after)
    return response


def rate_limited(scope: str):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            retry_after = check(request, scope)
            if retry_after is not None:
                return too_many_requests(retry_after)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
