"""Tabbing through the pages about spread and similar municipalities, in Swedish and English, on
a phone and a desktop: every stop shows its focus and is on screen (the scrolled tables too)."""

from __future__ import annotations

import pytest

from tests.browser.test_keyboard import focus_problems, walk


@pytest.mark.parametrize("language", ["", "/en"])
def test_every_tab_stop_shows_visible_focus(viewport_page, site_url, public_pages, language):
    page = viewport_page
    problems = []
    for path in (
        public_pages.path("statistics-spread"),
        public_pages.path("case-spread"),
        "/kommuner/filipstad/",
    ):
        page.goto(site_url + language + path)
        stops = walk(page)
        assert len(stops) > 10, path
        problems += [f"{language}{path}: {problem}" for problem in focus_problems(stops)]
    assert not problems, "\n".join(problems)
