"""The site's icons: named in every page's head, drawn at the sizes they claim, found at
/favicon.ico and /apple-touch-icon.png, and cached for a long time once their names are hashed."""

import re
from http import HTTPStatus
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client
from PIL import Image

pytestmark = pytest.mark.django_db

ICON_LINK = re.compile(r'<link rel="(icon|apple-touch-icon)" href="/static/([^"]+)"[^>]*>')


def test_every_page_names_its_icons_and_they_are_the_size_they_claim(client):
    html = client.get("/").content.decode()
    links = {path: rel for rel, path in ICON_LINK.findall(html)}
    assert set(links) == {"img/favicon.ico", "img/icon.svg", "img/apple-touch-icon.png"}
    assert 'type="image/svg+xml"' in html

    svg = Path(finders.find("img/icon.svg")).read_text()
    assert svg.startswith("<svg") and 'viewBox="0 0 64 64"' in svg
    with Image.open(finders.find("img/apple-touch-icon.png")) as touch:
        assert touch.size == (180, 180)
        assert touch.mode == "RGB"  # no transparency: iOS would fill it with black
    with Image.open(finders.find("img/favicon.ico")) as ico:
        assert {(16, 16), (32, 32), (48, 48)} <= set(ico.info["sizes"])
    for pixels in (32, 192, 512):
        with Image.open(finders.find(f"img/icon-{pixels}.png")) as png:
            assert png.size == (pixels, pixels)


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/favicon.ico", "/static/img/favicon.ico"),
        ("/apple-touch-icon.png", "/static/img/apple-touch-icon.png"),
    ],
)
def test_root_icon_addresses_lead_to_the_static_files(client, path, target):
    response = client.get(path)
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == target
    assert "max-age=86400" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    assert client.head(path).status_code == HTTPStatus.MOVED_PERMANENTLY


def test_hashed_icons_are_served_as_immutable_for_a_year(settings, tmp_path):
    """As in production: collectstatic with hashed names, WhiteNoise serving them. Only the
    project's own static files are collected, which is all the icons need."""
    settings.STATIC_ROOT = tmp_path
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--no-input", verbosity=0)
    client = Client()  # a new handler, so WhiteNoise indexes the collected files

    location = client.get("/favicon.ico")["Location"]
    assert re.fullmatch(r"/static/img/favicon\.[0-9a-f]{12}\.ico", location)
    icon = client.get(location)
    assert icon.status_code == HTTPStatus.OK
    assert "immutable" in icon["Cache-Control"]
    assert int(re.search(r"max-age=(\d+)", icon["Cache-Control"]).group(1)) >= 365 * 24 * 3600
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file

    html = client.get("/").content.decode()
    assert re.search(r'href="/static/img/icon\.[0-9a-f]{12}\.svg"', html)
