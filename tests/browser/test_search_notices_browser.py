"""The search page's interpreted-filter chips and typo-correction notice in a real browser: no
axe-core WCAG 2.1 AA violation, readable names, and the links do what they say."""

from urllib.parse import parse_qs, urlsplit

from tests.browser.conftest import axe_violations, format_violations


def test_interpreted_filters_are_accessible_and_the_literal_link_works(site_url, page):
    page.goto(f"{site_url}/sok/?q=läxhjälp+Värmland")
    group = page.get_by_role("group", name="Tolkat som filter:")
    assert group.is_visible()
    assert "Län = Värmland" in group.inner_text()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    group.get_by_role("link", name="Sök på orden ”läxhjälp Värmland” i stället").click()
    page.wait_for_load_state()
    assert parse_qs(urlsplit(page.url).query)["tolka"] == ["nej"]
    assert page.get_by_role("group", name="Tolkat som filter:").count() == 0


def test_the_correction_is_announced_and_the_literal_text_is_one_click_away(site_url, page):
    page.goto(f"{site_url}/sok/?q=brobigare")
    notice = page.locator(".search-correction")
    assert notice.get_attribute("role") == "status"
    assert notice.inner_text().startswith("Visar resultat för brobyggare.")
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    notice.get_by_role("link", name="Sök i stället efter brobigare").click()
    page.wait_for_load_state()
    assert parse_qs(urlsplit(page.url).query)["ratta"] == ["nej"]
    assert page.locator(".search-correction").count() == 0
