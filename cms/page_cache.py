"""The page cache: whole public pages for visitors without a session, in the shared cache.

Built on Django's cache framework (the configured cache: the database table by default, Redis
with REDIS_URL – one cache for every server process – and its ETag and conditional-GET
handling). What it stores is exactly what cms/http_caching.py marked public, so a signed-in
user's page, a preview, a private page or an error is never served to anyone else.

Invalidation is exact and immediate: the key prefix holds the content version
(core/content_version.py), which every change the public can see replaces (cms/signal_handlers.py),
so after a publish the next request misses and renders afresh; the old entries expire unused.

The key space is bounded, so random query strings cannot flood the cache: an address with a
query is cached only when every parameter is one the site's listings know (never `q`, the free
search text), and at most PAGE_CACHE_VARIANTS such addresses per path and content version.

A hit costs little (tests/cms/test_page_cache_hits.py, docs/performance.md): the token (one
indexed read), one cache read, and a response rebuilt from what was stored – status, headers and
the body, gzip-compressed once when stored (cms/compression.py's rule), sent as stored to clients
that accept gzip and decompressed for the others. The response to the visitor whose request
filled the cache is rebuilt from the same entry, so a hit carries exactly the headers of a miss.
A stored page carries no secret and no text the visitor chose (`q` is never stored), so one gzip
padding for all is safe against BREACH.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import re

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import cc_delim_re, set_response_etag
from django.utils.text import compress_string

from core.content_version import content_version
from core.language_urls import split_language

from .compression import safe_to_compress
from .http_caching import has_session

# The filters, sorts and pages of /sok/, the listings and /statistik/ (search/forms.py,
# cases/figure_forms.py). Free text is left out on purpose: unbounded, and /sok/ counts queries.
CACHEABLE_PARAMETERS = frozenset(
    {"tema", "nyckelord", "kommun", "lan", "status", "malgrupp", "evidens", "resultat"}
    | {"sortering", "sida", "fran", "till", "liknar"}
)
UNCACHED_PREFIXES = ("/dokument/", "/i18n/")
MAX_QUERY_LENGTH = 500
# The only Vary a stored page may carry: the cache serves both encodings from one entry.
ALLOWED_VARY = frozenset({"accept-encoding"})
# Recomputed for the body actually sent; the marker says how this response was served.
UNSTORED_HEADERS = frozenset({"content-length", "x-page-cache"})
MIN_COMPRESSED_LENGTH = 200  # as GZipMiddleware: shorter bodies are not worth it
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# Decompressed bodies kept per process for clients without gzip (about 30 kB each).
DECOMPRESSED_BODIES = 64


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


def _vary(response) -> set[str]:
    return {field.strip().lower() for field in cc_delim_re.split(response.get("Vary", "")) if field}


def storable(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    csp = response.get("Content-Security-Policy", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # Vary: Cookie (a personal page) or anything else one stored entry cannot answer.
        and _vary(response) <= ALLOWED_VARY
        and "public" in cache_control
        and "private" not in cache_control
        and "no-store" not in cache_control
        # A nonce must differ in every response; a stored page would repeat it.
        and "nonce-" not in csp
    )


# Part of every key: a new layout of the stored entry gets a new format, so a deploy never reads
# entries written by the code before it.
ENTRY_FORMAT = 3


def key_prefix() -> str:
    return f"page.{ENTRY_FORMAT}.{content_version()}"


def page_key(request, prefix: str) -> str:
    """One entry per address (scheme, host, path and query) and language."""
    language = split_language(request.path_info)[0]
    address = hashlib.md5(request.build_absolute_uri().encode(), usedforsecurity=False)
    return f"{prefix}.{language}.{address.hexdigest()}"


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


def stored_entry(request, response) -> tuple[int, tuple[tuple[str, str], ...], bytes, bool]:
    """What the cache keeps of a public response: status, headers, body, and whether the body is
    gzip-compressed (when it may be and gets smaller). The ETag is the uncompressed page's, which
    ConditionalGetMiddleware compares."""
    if not response.has_header("ETag"):
        set_response_etag(response)
    body = response.content
    content_type = response.get("Content-Type", "")
    compressed = False
    if (
        len(body) >= MIN_COMPRESSED_LENGTH
        and not response.has_header("Content-Encoding")
        and safe_to_compress(request.path, request.COOKIES, response.cookies, content_type)
    ):
        smaller = compress_string(body, max_random_bytes=GZipMiddleware.max_random_bytes)
        if len(smaller) < len(body):
            body, compressed = smaller, True
    if compressed and "accept-encoding" not in _vary(response):
        vary = response.get("Vary")
        response.headers["Vary"] = f"{vary}, Accept-Encoding" if vary else "Accept-Encoding"
    headers = tuple(
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in UNSTORED_HEADERS
    )
    return response.status_code, headers, body, compressed


@functools.lru_cache(maxsize=DECOMPRESSED_BODIES)
def _decompressed(body: bytes) -> bytes:
    """A stored body for a client without gzip, decompressed once per process and body: the
    same few pages are asked for over and over (a pure function of the bytes, so never stale)."""
    return gzip.decompress(body)


def response_from(entry, request) -> HttpResponse:
    """The response for `request` from a stored entry: compressed for a client that takes gzip,
    decompressed for one that does not (cheaper than reading a second, plain copy)."""
    status, headers, body, compressed = entry
    response = HttpResponse(status=status)
    for name, value in headers:
        response.headers[name] = value
    if compressed:
        if ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            response.headers["Content-Encoding"] = "gzip"
            etag = response.get("ETag")
            if etag and etag.startswith('"'):  # a compressed body's ETag is weak (RFC 9110)
                response.headers["ETag"] = "W/" + etag
        else:
            body = _decompressed(body)
    response.content = body
    response.headers["Content-Length"] = str(len(body))
    return response


class PageCacheMiddleware:
    """Answers a cacheable request from the cache, or stores the public answer it lets through.

    Goes outside cms.http_caching.CacheHeadersMiddleware (it stores what that one marked public)
    and inside django.middleware.http.ConditionalGetMiddleware, which answers If-None-Match with
    304 from the ETag stored here, for cached and fresh pages alike. The gzip middleware outside
    leaves a response alone that is compressed already.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        cache = page_cache()
        prefix = key_prefix()
        key = page_key(request, prefix)
        entry = cache.get(key)
        if entry is not None:
            response = response_from(entry, request)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if (
            request.method == "GET"
            and storable(response)
            and _variant_allowed(request, prefix, cache)
        ):
            entry = stored_entry(request, response)
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
            response = response_from(entry, request)
            response["X-Page-Cache"] = "miss"  # and stored for the next request
        return response
