"""What a page-cache hit sends (cms/page_cache.py): the page and headers of a miss, compressed once
for clients that take gzip, and 304 when the visitor has it already – on the database table and
on Redis."""

from __future__ import annotations

import gzip
from http import HTTPStatus

import pytest
from django.http import HttpResponse

from cms.page_cache import storable
from tests.cms.redis_server import redis_url  # noqa: F401 (a fixture)
from tests.cms.test_page_cache import shared_cache  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
PAGES = ["/", "/kommuner/filipstad/", "/teman/grundskola/", "/sok/atom/", "/en/"]


def _headers(response) -> dict:
    return {name: value for name, value in response.items() if name != "X-Page-Cache"}


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("encoding", [GZIP, {}], ids=["gzip", "plain"])
def test_a_hit_carries_the_headers_and_body_of_a_miss(client, shared_cache, path, encoding):  # noqa: F811
    miss = client.get(path, **encoding)
    hit = client.get(path, **encoding)
    assert miss.status_code == hit.status_code == HTTPStatus.OK
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert _headers(hit) == _headers(miss)
    assert hit.content == miss.content
    for header in ("Content-Security-Policy", "Permissions-Policy", "Cache-Control", "ETag"):
        assert hit[header], header
    assert "public" in hit["Cache-Control"]
    assert "Accept-Encoding" in hit["Vary"]
    assert "Cookie" not in hit["Vary"]
    assert int(hit["Content-Length"]) == len(hit.content)


def test_a_compressed_hit_is_the_page_a_plain_client_gets(client, shared_cache):  # noqa: F811
    plain_miss = client.get("/kommuner/filipstad/")
    compressed = client.get("/kommuner/filipstad/", **GZIP)
    plain_hit = client.get("/kommuner/filipstad/")
    assert (compressed["X-Page-Cache"], plain_hit["X-Page-Cache"]) == ("hit", "hit")
    assert compressed["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain_hit
    assert gzip.decompress(compressed.content) == plain_hit.content == plain_miss.content
    assert "Filipstad" in plain_hit.content.decode()
    assert len(compressed.content) < len(plain_hit.content) / 2
    # The ETag names the page: weak for the compressed body (RFC 9110), the same page either way.
    assert compressed["ETag"] == f"W/{plain_hit['ETag']}"


@pytest.mark.parametrize("encoding", [GZIP, {}], ids=["gzip", "plain"])
def test_a_hit_is_answered_with_304_when_the_visitor_has_the_page(client, shared_cache, encoding):  # noqa: F811
    first = client.get("/teman/grundskola/", **encoding)
    again = client.get("/teman/grundskola/", HTTP_IF_NONE_MATCH=first["ETag"], **encoding)
    assert again.status_code == HTTPStatus.NOT_MODIFIED
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    # Either form of the tag names the same page.
    other = first["ETag"].removeprefix("W/") if encoding else f"W/{first['ETag']}"
    assert client.get("/teman/grundskola/", HTTP_IF_NONE_MATCH=other).status_code == 304
    stale = client.get("/teman/grundskola/", HTTP_IF_NONE_MATCH='"an-older-page"', **encoding)
    assert stale.status_code == HTTPStatus.OK


def test_a_head_request_is_answered_from_the_cache(client, shared_cache):  # noqa: F811
    get = client.get("/kommuner/")
    head = client.head("/kommuner/")
    assert head.status_code == HTTPStatus.OK
    assert head["X-Page-Cache"] == "hit"
    assert head["ETag"] == get["ETag"]
    assert head.content == b""


def test_a_response_that_varies_by_anything_but_encoding_is_not_stored():
    def public(vary: str | None) -> HttpResponse:
        response = HttpResponse("<p>sida</p>")
        response["Cache-Control"] = "public, max-age=60"
        if vary:
            response["Vary"] = vary
        return response

    assert storable(public(None))
    assert storable(public("Accept-Encoding"))
    assert not storable(public("Cookie"))
    assert not storable(public("Accept-Encoding, Accept-Language"))
    assert not storable(public("*"))
