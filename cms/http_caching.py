"""Cache-Control on every response: what any cache may keep, and what none may.

Public: a GET or HEAD from a visitor without a session, answered without setting a cookie and
without `Vary: Cookie` – the same bytes for everyone at that address (the language is in the
address, core/language_urls.py). Such a page may be kept by browsers (max-age), proxies and CDNs
(s-maxage), and served a little stale while it is fetched again (stale-while-revalidate). A
not-found page is kept only briefly.

Never stored (`private, no-store`): anything for a signed-in user or a visitor with a session
(the admin, previews, pages under view restrictions they were let into), anything that sets a
cookie or varies by cookie (a password-protected page's form, the login page), and every other
method and status, such as redirects to the login page and rate-limit answers. A public response
whose view chose its own Cache-Control (robots.txt, the sitemap, icons) keeps it.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.cache import has_vary_header, patch_cache_control

NEVER_STORED = "private, no-store"
SHORT_LIVED_STATUSES = (404, 410)


def has_session(request) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def is_personal_request(request) -> bool:
    if has_session(request) or request.path_info.startswith(settings.ADMIN_URL_PREFIX):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def is_personal_response(response) -> bool:
    return bool(response.cookies) or has_vary_header(response, "Cookie")


def public_directives() -> dict:
    return {
        "public": True,
        "max_age": settings.HTTP_CACHE_MAX_AGE,
        "s_maxage": settings.HTTP_CACHE_S_MAXAGE,
        "stale_while_revalidate": settings.HTTP_CACHE_STALE_WHILE_REVALIDATE,
    }


def apply_cache_policy(request, response) -> None:
    unsafe = request.method not in ("GET", "HEAD")
    if unsafe or is_personal_request(request) or is_personal_response(response):
        response["Cache-Control"] = NEVER_STORED
    elif response.has_header("Cache-Control"):
        return
    elif response.status_code == 200:
        patch_cache_control(response, **public_directives())
    elif response.status_code in SHORT_LIVED_STATUSES:
        patch_cache_control(response, public=True, max_age=settings.HTTP_CACHE_ERROR_MAX_AGE)
    else:
        response["Cache-Control"] = NEVER_STORED


class CacheHeadersMiddleware:
    """Sets the policy above. Sits outside the session, CSRF and authentication middleware, so it
    sees every cookie and Vary header they add, and inside the page cache (cms/page_cache.py),
    which stores only what this marks public."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        apply_cache_policy(request, response)
        return response
