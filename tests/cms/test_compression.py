"""Public responses go out gzip-compressed; the admin and anything tied to a session do not
(BREACH: cms/compression.py)."""

import gzip
from http import HTTPStatus

import pytest

from cms.compression import safe_to_compress

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.mark.parametrize("path", ["/", "/sok/?q=skola", "/sitemap/sidor-1.xml", "/sok/atom/"])
def test_public_responses_are_compressed(client, path):
    response = client.get(path, **GZIP)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    body = gzip.decompress(response.content)
    plain = client.get(path)
    assert "Content-Encoding" not in plain
    assert len(response.content) < len(plain.content) / 2
    assert body.startswith(plain.content[:15])


def test_the_admin_login_is_not_compressed(client):
    response = client.get("/admin/login/", **GZIP)
    assert response.status_code == HTTPStatus.OK
    assert "Content-Encoding" not in response


def test_a_signed_in_editor_gets_uncompressed_public_pages(client, superuser):
    client.force_login(superuser)
    response = client.get("/", **GZIP)
    assert response.status_code == HTTPStatus.OK
    assert "Content-Encoding" not in response


def test_the_rule():
    html = "text/html; charset=utf-8"
    assert safe_to_compress("/kommuner/", {}, {}, html)
    assert safe_to_compress("/", {"csrftoken": "x", "django_language": "en"}, {}, html)
    assert safe_to_compress("/api/v1/sok/", {}, {}, "application/json")
    assert not safe_to_compress("/admin/pages/", {}, {}, html)
    assert not safe_to_compress("/", {"sessionid": "x"}, {}, html)
    assert not safe_to_compress("/", {}, {"sessionid": "x"}, html)
    assert not safe_to_compress("/oppna-data/insatser.zip", {}, {}, "application/zip")
