"""The English site names its own sections in English and says when a page's text is Swedish
(#15 item 8: no Swedish headings in the English interface)."""

import re
from types import SimpleNamespace

import pytest
from django.utils import translation

from themes.templatetags.theme_links import facet_name

pytestmark = pytest.mark.django_db


def _heading_and_title(html: str) -> tuple[str, str]:
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    return heading, title


@pytest.mark.parametrize(
    ("path", "english", "swedish"),
    [("/teman/", "Focus areas", "Teman"), ("/kommuner/", "Municipalities", "Kommuner")],
)
def test_section_pages_are_named_in_english_on_the_english_site(client, path, english, swedish):
    heading, title = _heading_and_title(client.get("/en" + path).content.decode())
    assert heading == english
    assert title == f"{english} – Kunskapsbanken"
    heading, title = _heading_and_title(client.get(path).content.decode())
    assert heading == swedish


def test_pages_written_in_swedish_say_so_on_the_english_site(client, filipstad):
    case = filipstad.get_children().live().first()
    note = "The text on this page is written in Swedish."
    for path in ("/om/", filipstad.url, case.url):
        assert note in client.get("/en" + path).content.decode(), path
        swedish = client.get(path).content.decode()
        assert 'class="language-note"' not in swedish, path


def test_facet_names_follow_the_visitors_language():
    named = SimpleNamespace(label="läxhjälp", label_en="homework help")
    unnamed = SimpleNamespace(label="byalag", label_en="byalag")
    with translation.override("en"):
        assert facet_name(named) == {"name": "homework help", "lang": ""}
        assert facet_name(unnamed) == {"name": "byalag", "lang": "sv"}
    with translation.override("sv"):
        assert facet_name(named) == {"name": "läxhjälp", "lang": ""}


def test_english_pages_link_to_the_english_search(client, filipstad):
    keyword = "/teman/nyckelord/l%C3%A4xhj%C3%A4lp/"
    pages = ["/teman/grundskola/", keyword, filipstad.url, "/oppna-data/"]
    for path in pages:
        main = re.search(r"<main\b.*?</main>", client.get("/en" + path).content.decode(), re.S)
        search_links = re.findall(r'href="(/[^"]*sok/[^"]*)"', main.group(0))
        assert search_links, path
        assert all(link.startswith("/en/sok/") for link in search_links), (path, search_links)
    swedish = client.get("/teman/grundskola/").content.decode()
    assert 'href="/sok/?tema=grundskola"' in swedish


def test_statistics_name_focus_areas_in_english_on_the_english_site(client):
    english = client.get("/en/statistik/").content.decode()
    assert "Compulsory school" in english
    assert "Grundskola" in client.get("/statistik/").content.decode()


def test_a_search_without_hits_helps_in_the_visitors_language(client):
    html = client.get("/en/sok/", {"q": "qqgrundskolx"}).content.decode()
    assert "Check the spelling, try fewer or more general words, or remove a filter." in html
    closest = re.search(r"Focus areas close to your search:</p><ul>(.*?)</ul>", html, re.S)
    assert closest and ">Compulsory school</a>" in closest.group(1)
    assert "“qqgrundskolx”" in html and "”qqgrundskolx”" not in html
    swedish = client.get("/sok/", {"q": "qqgrundskolx"}).content.decode()
    assert "”qqgrundskolx”" in swedish
    assert ">Grundskola</a>" in swedish


def test_the_accessibility_statement_is_named_in_english_on_the_english_site(client):
    html = client.get("/en/tillganglighetsredogorelse/").content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs.*?</nav>', html, re.S).group(0)
    assert "Accessibility statement" in crumbs and "Tillgänglighetsredogörelse" not in crumbs
    assert "<title>Accessibility statement – Kunskapsbanken</title>" in html


def test_a_contacts_role_is_marked_as_swedish_on_the_english_site(client, filipstad):
    html = client.get("/en" + filipstad.url).content.decode()
    assert '<span class="contact-card__role" lang="sv">' in html
    assert '<span class="contact-card__role">' in client.get(filipstad.url).content.decode()
