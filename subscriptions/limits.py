"""How many e-mails the subscribe and erase forms may cause: per client and per address, per
hour. The per-minute limit of search/ratelimit.py stops floods; these stop slow abuse – someone
using the forms to send many confirmation mails, or to fill one person's inbox with them.

Counted in the default cache (shared by all server processes) under a hash, so neither the
client's network address nor the e-mail address is stored.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from search.ratelimit import client_key

WINDOW_SECONDS = 3600


def _within(key: str, limit: int) -> bool:
    if not limit:
        return True
    window = int(time.time() // WINDOW_SECONDS)
    key = f"subscriptions:{key}:{window}"
    cache.add(key, 0, timeout=WINDOW_SECONDS * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS * 2)
        count = 1
    return count <= limit


def client_allowed(request) -> bool:
    return _within(f"client:{client_key(request)}", settings.SUBSCRIPTION_MAILS_PER_CLIENT_HOUR)


def address_allowed(email: str) -> bool:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{email.strip().lower()}".encode()).hexdigest()
    return _within(f"address:{digest[:32]}", settings.SUBSCRIPTION_MAILS_PER_ADDRESS_HOUR)
