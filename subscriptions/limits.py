"""How many e-mails the subscribe and erase forms may cause: per client and per address, per
hour. The per-minute limit of search/ratelimit.py stops floods; these stop slow abuse – someone
using the forms to send many confirmation mails, or to fill one person's inbox with them.

Counted by core/rate_limits.py under a hash, so neither the client's network address nor the
e-mail address is stored.
"""

from __future__ import annotations

import hashlib

from django.conf import settings

from core.rate_limits import client_key, count_in_window

WINDOW_SECONDS = 3600


def _within(key: str, limit: int) -> bool:
    if not limit:
        return True
    return count_in_window(f"subscriptions:{key}", WINDOW_SECONDS) <= limit


def client_allowed(request) -> bool:
    return _within(f"client:{client_key(request)}", settings.SUBSCRIPTION_MAILS_PER_CLIENT_HOUR)


def address_allowed(email: str) -> bool:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{email.strip().lower()}".encode()).hexdigest()
    return _within(f"address:{digest[:32]}", settings.SUBSCRIPTION_MAILS_PER_ADDRESS_HOUR)
