"""County names on the tile maps of /statistik/ and /sok/ wrap only where a reader would split
them – at a space or a compound's joint, with a hyphen (cases/spread_tile_names.py) – in Swedish
and on the English site, on a phone and on a desktop. /statistik/ draws its map from 36rem (bars
below that); /sok/ has it in the filter column, or in the filter dialog on a phone."""

from __future__ import annotations

import itertools

import pytest

from tests.browser.conftest import ARTIFACTS, axe_violations, format_violations
from tests.browser.test_spread_layout_browser import LINES_JS


def _tile_lines(browser, url, width, open_filters=False):
    context = browser.new_context(viewport={"width": width, "height": 844}, locale="sv-SE")
    page = context.new_page()
    try:
        page.goto(url)
        if open_filters:
            toggle = page.locator(".filter-toggle")
            if toggle.is_visible():
                toggle.click()
            page.locator("details.county-map summary").click()
        tile_map = page.locator(".tile-map").locator("visible=true").first
        names = tile_map.evaluate(LINES_JS)
        text = tile_map.inner_text().replace("\u00ad", "")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = url.split("//", 1)[1].split("/", 1)[1].strip("/").replace("/", "-")
        tile_map.screenshot(path=str(ARTIFACTS / f"county-map-{name}-{width}.png"))
        # With the map in view: soft hyphens in the visible names keep the links' names matching
        # their text (label in name), and nothing else on the page fails axe.
        violations = axe_violations(page)
        assert not violations, format_violations(violations)
        return names, text
    finally:
        context.close()


def _assert_breaks_only_at_joints(names, text):
    assert len(names) == 21
    for lines in names:
        for line, following in itertools.pairwise(lines):
            assert line[-1] in " \u00ad" or following[0] == " ", lines
    # Nothing of a name is lost: the visible text, soft hyphens aside, is the whole name.
    for name in ("Västernorrland", "Västra Götaland", "Östergötland", "Skåne"):
        assert name in text.replace("\n", " ")


@pytest.mark.parametrize("language", ["", "/en"])
@pytest.mark.parametrize("width", [320, 390, 1280])
def test_search_county_map_breaks_names_only_at_joints(browser, site_url, language, width):
    names, text = _tile_lines(browser, f"{site_url}{language}/sok/", width, open_filters=True)
    _assert_breaks_only_at_joints(names, text)
    # The filter column is narrow at every width: the long names do wrap, at their joint.
    assert ["Väster\u00ad", "norrland"] in names


@pytest.mark.parametrize("language", ["", "/en"])
@pytest.mark.parametrize("width", [600, 1280])
def test_statistics_county_map_breaks_names_only_at_joints(browser, site_url, language, width):
    names, text = _tile_lines(browser, f"{site_url}{language}/statistik/", width)
    _assert_breaks_only_at_joints(names, text)


def test_search_county_links_are_named_without_soft_hyphens(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 844}, locale="sv-SE")
    page = context.new_page()
    try:
        page.goto(site_url + "/sok/")
        page.locator("details.county-map summary").click()
        link = page.get_by_role("link", name="Västernorrland: ", exact=False)
        assert link.get_attribute("aria-label").startswith("Västernorrland: ")
    finally:
        context.close()
