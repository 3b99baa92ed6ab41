"""/statistik/spridning/'s most-spread table at 320 px: both count columns in view without
scrolling sideways, their headers in a short form on screen and in full for screen readers."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_violations, format_violations, screenshot

NARROW = {"width": 320, "height": 740}


@pytest.mark.parametrize(
    ("language", "headers", "short"),
    [
        ("", ("Inspirerade kommuner", "Varav direkt"), ["Totalt", "Direkt"]),
        ("/en", ("Municipalities inspired", "Of those directly"), ["Total", "Directly"]),
    ],
)
def test_the_most_spread_table_fits_320_px(browser, site_url, language, headers, short):
    context = browser.new_context(viewport=NARROW, locale="sv-SE")
    page = context.new_page()
    try:
        page.goto(site_url + language + "/statistik/spridning/")
        table = page.locator("table.spread-practices")
        region = page.locator(".table-scroll", has=table)
        widths = region.evaluate("(region) => [region.scrollWidth, region.clientWidth]")
        assert widths[0] <= widths[1], "the table scrolls sideways"
        last = table.locator("tbody tr").first.locator("td.num").last
        box = last.bounding_box()
        assert box and box["x"] + box["width"] <= NARROW["width"]
        assert table.locator(".spread-practices__short").all_inner_texts() == short
        for name in headers:
            assert table.get_by_role("columnheader", name=name, exact=True).count() == 1
        violations = axe_violations(page)
        assert not violations, format_violations(violations)
        screenshot(page, f"spread-table-320{language.replace('/', '-')}")
    finally:
        context.close()
