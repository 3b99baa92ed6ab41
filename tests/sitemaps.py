"""Reading the sitemap as a crawler does: the index /sitemap.xml, then each file it lists."""

import re
from http import HTTPStatus
from urllib.parse import urlsplit

INDEX = "/sitemap.xml"


def file_paths(client) -> list[str]:
    """The paths of the files the index lists, in its order."""
    response = client.get(INDEX)
    assert response.status_code == HTTPStatus.OK
    xml = response.content.decode()
    assert "<sitemapindex" in xml
    return [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", xml)]


def sitemap_xml(client) -> str:
    """Every file of the sitemap, one after the other."""
    parts = []
    for path in file_paths(client):
        response = client.get(path)
        assert response.status_code == HTTPStatus.OK, path
        parts.append(response.content.decode())
    return "".join(parts)
