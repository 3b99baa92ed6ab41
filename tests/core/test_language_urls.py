"""Each interface language has its own addresses (core/language_urls.py): Swedish at the plain
paths, English under /en/, and the page frame links within the visitor's language."""

import re
from http import HTTPStatus

import pytest

from core.language_urls import language_path, split_language
from tests.factories import make_case


def test_paths_move_between_the_languages():
    assert split_language("/en/sok/") == ("en", "/sok/")
    assert split_language("/en") == ("en", "/")
    assert split_language("/sok/") == ("sv", "/sok/")
    assert split_language("/english/") == ("sv", "/english/")
    assert language_path("/kommuner/", "en") == "/en/kommuner/"
    assert language_path("/en/kommuner/", "sv") == "/kommuner/"
    assert language_path("/en/kommuner/", "en") == "/en/kommuner/"
    assert language_path("/kommuner/", "xx") == "/kommuner/"


@pytest.mark.django_db
def test_the_switcher_is_a_link_to_the_same_page_in_the_other_language(client):
    swedish = client.get("/sok/?tema=grundskola").content.decode()
    assert "csrfmiddlewaretoken" not in swedish
    switch = r'<a class="language-switcher__button" href="%s"'
    assert re.search(switch % r"/en/sok/\?tema=grundskola", swedish)
    english = client.get("/en/sok/?tema=grundskola").content.decode()
    assert re.search(switch % r"/sok/\?tema=grundskola", english)


@pytest.mark.django_db
def test_the_english_frame_links_stay_in_english(client):
    html = client.get("/en/kommuner/").content.decode()
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    links = re.findall(r'href="([^"]+)"', nav)
    assert links and all(link.startswith("/en/") for link in links), links
    assert 'href="/en/kommuner/" aria-current="page"' in nav
    assert 'action="/en/sok/"' in html


@pytest.mark.django_db
def test_the_english_not_found_page_is_english(client):
    response = client.get("/en/finns-inte/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert 'href="/en/kommuner/"' in html


def test_english_results_cards_and_feeds_link_to_english_case_pages(client, filipstad):
    case = make_case(filipstad, title="Läxhjälp på biblioteket")
    english = "/en" + case.url
    assert f'href="{english}"' in client.get("/en/sok/").content.decode()
    assert f'href="{english}"' in client.get("/en/").content.decode()
    assert f'href="http://testserver{english}"' in client.get("/en/sok/atom/").content.decode()
    assert f'href="{case.url}"' in client.get("/sok/").content.decode()


@pytest.mark.django_db
def test_breadcrumbs_name_the_sections_in_the_visitors_language(client, filipstad):
    def crumbs(url):
        html = client.get(url).content.decode()
        trail = html[
            html.index('class="breadcrumbs') : html.index(
                "</nav>", html.index('class="breadcrumbs')
            )
        ]
        return re.sub(r"<[^>]+>", " ", trail).split()

    assert "Municipalities" in crumbs("/en" + filipstad.url)
    assert "Kommuner" not in crumbs("/en" + filipstad.url)
    assert "Kommuner" in crumbs(filipstad.url)
