"""How practice spreads, read on a phone: /statistik/spridning/'s table shows its counts without
scrolling sideways, and the case page's county map wraps county names only where a reader
would split them (at a space or a compound's joint, with a hyphen)."""

from __future__ import annotations

import itertools

import pytest

from tests.browser.conftest import ARTIFACTS, screenshot

PHONE = {"width": 390, "height": 844}

# For each tile name: the text of each line as laid out, soft hyphens and spaces kept.
LINES_JS = """
(root) => [...root.querySelectorAll('.tile-map__name')].map((name) => {
    const text = name.firstChild;
    const lines = [];
    let top = null;
    for (let i = 0; i < text.length; i++) {
        const range = document.createRange();
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        const rects = range.getClientRects();
        const rect = rects[rects.length - 1];
        const ch = text.data[i];
        if (!rect) continue;
        if (top === null || rect.top > top + 2) { lines.push(''); top = rect.top; }
        lines[lines.length - 1] += ch;
    }
    return lines;
})
"""


def _open(browser, url, width=PHONE["width"]):
    context = browser.new_context(viewport={**PHONE, "width": width}, locale="sv-SE")
    page = context.new_page()
    page.goto(url)
    return context, page


@pytest.mark.parametrize("language", ["", "/en"])
def test_the_most_spread_table_shows_its_counts_on_a_phone(browser, site_url, language):
    context, page = _open(browser, site_url + language + "/statistik/spridning/")
    try:
        table = page.locator("table.spread-practices")
        inspired = table.locator("thead th").nth(2)
        first_count = table.locator("tbody tr").first.locator("td.num").first
        for cell in (inspired, first_count, table.locator("thead th").nth(3)):
            box = cell.bounding_box()
            assert box and box["x"] + box["width"] <= PHONE["width"], cell.inner_text()
        # Still a table to a screen reader: the row header names the case and its municipality.
        row_header = page.get_by_role("rowheader").first
        assert row_header.locator(".spread-practices__from").is_visible()
        assert page.get_by_role("table").first.get_by_role("columnheader").count() >= 3
        screenshot(page, f"spread-table-phone{language.replace('/', '-')}")
    finally:
        context.close()


def test_the_municipality_column_stays_on_a_desktop(browser, site_url):
    context, page = _open(browser, site_url + "/statistik/spridning/", width=1280)
    try:
        headers = page.locator("table.spread-practices thead th").all_inner_texts()
        assert headers[:2] == ["Insats", "Kommun"]
        assert not page.locator(".spread-practices__from").first.is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("width", [320, 390])
def test_county_names_on_the_spread_map_break_only_at_joints(
    browser, site_url, public_pages, width
):
    context, page = _open(browser, site_url + public_pages.path("case-spread"), width=width)
    try:
        tile_map = page.locator(".case-spread__map .tile-map")
        names = tile_map.evaluate(LINES_JS)
        assert len(names) == 21
        for lines in names:
            for line, following in itertools.pairwise(lines):
                assert line[-1] in " \u00ad" or following[0] == " ", lines
        # The long ones do wrap at their joint, and nothing of a tile's text is lost.
        assert ["Väster\u00ad", "norrland"] in names
        assert "Västernorrland" in tile_map.inner_text().replace("\u00ad", "")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.locator(".case-spread__map").screenshot(
            path=str(ARTIFACTS / f"case-spread-map-{width}.png")
        )
    finally:
        context.close()
