"""While the database cannot be reached the site answers 503 with Retry-After, not 500.

Django turns an exception raised in a view or a middleware into a 500 response at the layer where
it happens, so an outer middleware never sees the exception itself. The `got_request_exception`
signal is sent inside that handling, with the exception still current: its receiver marks the
request, and DatabaseUnavailableMiddleware (first in MIDDLEWARE) swaps the 500 for the
"temporarily unavailable" page. The page is rendered without a request context, so it needs no
database, session or site settings; the next request after the database is back is served as usual.
"""

from __future__ import annotations

import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse
from django.template import loader

try:
    import psycopg
except ImportError:  # pragma: no cover - psycopg is a dependency
    _DRIVER_ERRORS: tuple[type[BaseException], ...] = ()
else:
    _DRIVER_ERRORS = (psycopg.OperationalError, psycopg.InterfaceError)

DATABASE_ERRORS = (OperationalError, InterfaceError, *_DRIVER_ERRORS)
RETRY_AFTER_SECONDS = 30
_MARK = "_database_unavailable"
# Headers that describe the replaced body; the others (security policies) stay.
_BODY_HEADERS = {"content-type", "content-length", "content-encoding", "etag", "last-modified"}


def is_database_unavailable(error: BaseException | None) -> bool:
    """True when `error`, or an exception it was raised from, means the database is out of reach."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, DATABASE_ERRORS):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


@receiver(got_request_exception, dispatch_uid="cms.unavailable.mark_request")
def mark_request(sender, request=None, **kwargs):
    if request is not None and is_database_unavailable(sys.exc_info()[1]):
        setattr(request, _MARK, True)


def unavailable_response(original: HttpResponse | None = None) -> HttpResponse:
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    if original is not None:
        for header, value in original.headers.items():
            if header.lower() not in _BODY_HEADERS:
                response.headers[header] = value
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.get_response(request)
        except DATABASE_ERRORS:
            # Only when an exception escapes every inner layer (DEBUG_PROPAGATE_EXCEPTIONS).
            return unavailable_response()
        if response.status_code >= 500 and getattr(request, _MARK, False):
            return unavailable_response(response)
        return response
