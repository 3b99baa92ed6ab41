"""The municipality page's 'similar municipalities' table on a phone: it scrolls sideways inside
its own region, but its caption stays readable on screen and each row keeps its municipality's
name in view while the figures scroll past."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("language", ["", "/en"])
def test_caption_and_names_stay_in_view_while_the_table_scrolls(browser, site_url, language):
    context = browser.new_context(viewport=PHONE, locale="sv-SE")
    page = context.new_page()
    try:
        page.goto(site_url + language + "/kommuner/filipstad/")
        region = page.locator("section[aria-labelledby=similar-heading] .table-scroll")
        region.scroll_into_view_if_needed()
        left = region.bounding_box()["x"]
        caption = region.locator("caption span")
        name = region.get_by_role("rowheader").nth(1)
        for scroll in (0, 10_000):
            region.evaluate("(element, x) => { element.scrollLeft = x; }", scroll)
            box = caption.bounding_box()
            assert left - 1 <= box["x"] and box["x"] + box["width"] <= PHONE["width"]
            assert abs(name.bounding_box()["x"] - left) < 2
        assert region.evaluate("(element) => element.scrollLeft") > 0  # it did scroll
        assert name.get_by_role("link").is_visible()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        region.screenshot(
            path=str(ARTIFACTS / f"similar-table-scrolled{language.replace('/', '-')}.png")
        )
    finally:
        context.close()
