"""A reader asks "Varför denna nivå?" on a case whose level comes from the municipalities that
took it up (the demo's Fältande fritidsledare in Hofors), on a phone and a desktop, with and
without script."""

from __future__ import annotations

from .conftest import ARTIFACTS, axe_violations, format_violations, screenshot

CASE = "/kommuner/hofors/faltande-fritidsledare-hofors/"


def test_why_this_level_names_the_municipalities_behind_it(viewport_page, site_url):
    page = viewport_page
    page.goto(site_url + CASE)
    assert page.locator("a.evidence-badge").first.inner_text() == "Prövad i flera kommuner"
    why = page.locator("details.evidence-why")
    assert not why.locator("ul").first.is_visible()
    why.locator("summary").click()
    assert "Insatser i 2 andra kommuner" in why.inner_text()
    names = why.locator("ul").nth(1).inner_text()
    assert "Munkfors" in names and "Perstorp" in names
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"evidence-why-{width}")
    page.locator("section[aria-labelledby=evidence-heading]").screenshot(
        path=str(ARTIFACTS / f"evidence-why-section-{width}.png")
    )
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)
    why.locator("ul").nth(1).get_by_role("link").first.click()
    assert page.locator("h1").inner_text()


def test_why_this_level_opens_without_script(page_without_js, site_url):
    page = page_without_js
    page.goto(site_url + CASE)
    page.get_by_text("Varför denna nivå?").click()
    assert page.get_by_text("Kommunen valde själv ”Lovande”").is_visible()
