"""The page cache: whole public pages for visitors without a session, in the shared cache.

Built on Django's cache framework (get_cache_key/learn_cache_key and the configured cache:
the database table by default, Redis with REDIS_URL – one cache for every server process). What
it stores is exactly what cms/http_caching.py marked public, so a signed-in user's page, a
preview, a private page or an error is never served to anyone else.

Invalidation is exact and immediate: the key prefix holds the content version
(core/content_version.py), which every change the public can see replaces (cms/signal_handlers.py),
so after a publish the next request misses and renders afresh; the old entries expire unused.

The key space is bounded, so random query strings cannot flood the cache: an address with a
query is cached only when every parameter is one the site's listings know (never `q`, the free
search text), and at most PAGE_CACHE_VARIANTS such addresses per path and content version.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.utils.cache import get_cache_key, has_vary_header, learn_cache_key, set_response_etag

from core.content_version import content_version
from core.language_urls import split_language

from .http_caching import has_session

# The filters, sorts and pages of /sok/, the listings and /statistik/ (search/forms.py,
# cases/figure_forms.py). Free text is left out on purpose: unbounded, and /sok/ counts queries.
CACHEABLE_PARAMETERS = frozenset(
    {"tema", "nyckelord", "kommun", "lan", "status", "malgrupp", "evidens", "resultat"}
    | {"sortering", "sida", "fran", "till"}
)
UNCACHED_PREFIXES = ("/dokument/", "/i18n/")
MAX_QUERY_LENGTH = 500


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def cacheable_request(request) -> bool:
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if has_session(request):
        return False
    path = request.path_info
    if path.startswith((settings.ADMIN_URL_PREFIX, *UNCACHED_PREFIXES)):
        return False
    query = request.META.get("QUERY_STRING", "")
    if len(query) > MAX_QUERY_LENGTH:
        return False
    return all(name in CACHEABLE_PARAMETERS for name in request.GET)


def storable(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    csp = response.get("Content-Security-Policy", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not has_vary_header(response, "Cookie")
        and "public" in cache_control
        and "private" not in cache_control
        and "no-store" not in cache_control
        # A nonce must differ in every response; a stored page would repeat it.
        and "nonce-" not in csp
    )


def key_prefix() -> str:
    return f"page.{content_version()}"


def _variant_allowed(request, prefix: str, cache) -> bool:
    """At most PAGE_CACHE_VARIANTS addresses with a query string per path and version."""
    if not request.META.get("QUERY_STRING"):
        return True
    path = hashlib.sha256(request.path_info.encode()).hexdigest()[:32]
    counter = f"{prefix}.variants.{path}"
    cache.add(counter, 0, settings.PAGE_CACHE_SECONDS)
    try:
        return cache.incr(counter) <= settings.PAGE_CACHE_VARIANTS
    except ValueError:  # expired between add and incr
        return False


class PageCacheMiddleware:
    """Answers a cacheable request from the cache, or stores the public answer it lets through.

    Goes outside cms.http_caching.CacheHeadersMiddleware (it stores what that one marked public)
    and inside django.middleware.http.ConditionalGetMiddleware, which answers If-None-Match with
    304 from the ETag set here, for cached and fresh pages alike.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        # Django's key holds the language; it is the address's, set here before the language
        # middleware runs, so the key is the same when fetching and storing.
        request.LANGUAGE_CODE = split_language(request.path_info)[0]
        cache = page_cache()
        prefix = key_prefix()
        key = get_cache_key(request, prefix, "GET", cache=cache)
        if key is not None:
            response = cache.get(key)
            if response is not None:
                response["X-Page-Cache"] = "hit"
                return response
        response = self.get_response(request)
        request.LANGUAGE_CODE = split_language(request.path_info)[0]
        if request.method == "GET" and storable(response):
            if not response.has_header("ETag"):
                set_response_etag(response)
            if _variant_allowed(request, prefix, cache):
                timeout = settings.PAGE_CACHE_SECONDS
                key = learn_cache_key(request, response, timeout, prefix, cache=cache)
                cache.set(key, response, timeout)
                response["X-Page-Cache"] = "miss"  # and stored for the next request
        return response
