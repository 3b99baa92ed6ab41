"""Per-client rate limiting for search, suggestions, feeds and the API.

A fixed one-minute window per client (core/rate_limits.py counts): simple, and enough to keep one
scraper from starving everyone else. The count is shared by all server processes;
tests/search/test_ratelimit_workers.py checks it with two gunicorn workers.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

from core.rate_limits import client_key, count_in_window, seconds_left

WINDOW_SECONDS = 60


def check(request, scope: str) -> int | None:
    """None if the request may go ahead, else the seconds until the window resets."""
    limit = settings.SEARCH_RATE_LIMIT_PER_MINUTE
    if not limit:
        return None
    if count_in_window(f"ratelimit:{scope}:{client_key(request)}", WINDOW_SECONDS) > limit:
        return seconds_left(WINDOW_SECONDS)
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
