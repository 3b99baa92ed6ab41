"""A reader follows the evidence-level badge of a search hit to the level's criteria, and finds the
API documentation from the footer."""

from __future__ import annotations


def test_a_level_badge_leads_to_its_criteria(page, site_url):
    page.goto(f"{site_url}/sok/?evidens=promising")
    badge = page.locator("#hits a.evidence-badge").first
    assert badge.inner_text().endswith("Lovande")
    badge.click()
    page.wait_for_url("**/om/evidensnivaer/#niva-promising")
    level = page.locator("#niva-promising")
    assert level.locator("h2").inner_text() == "Lovande"
    assert level.is_visible()
    assert "Kriterier:" in level.inner_text()
    # Its examples are cases at that level: the first one's page names the same level.
    level.locator("ul a").first.click()
    assert page.locator("a.evidence-badge").first.inner_text() == "Lovande"


def test_the_api_documentation_is_found_from_the_footer(page, site_url):
    page.goto(f"{site_url}/en/")
    page.locator("footer").get_by_role("link", name="The open API").click()
    page.wait_for_url("**/en/oppna-data/api/")
    assert page.locator("h1").inner_text() == "The open API"
    assert page.get_by_role("heading", name="GET /api/v1/sok/").is_visible()
    assert "curl -s" in page.locator("pre").first.inner_text()
