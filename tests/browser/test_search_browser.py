"""The search page as people use it: by keyboard, with and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, format_violations, screenshot


def test_autocomplete_is_usable_by_keyboard_alone(page, site_url):
    page.goto(site_url + "/sok/")
    box = page.get_by_role("combobox", name="Sökord")
    box.focus()
    box.press_sequentially("fili", delay=40)
    option = page.get_by_role("option", name="Filipstad – kommun")
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    screenshot(page, "search-autocomplete")
    for _ in range(10):
        page.keyboard.press("ArrowDown")
        active_id = box.get_attribute("aria-activedescendant")
        if active_id and page.locator(f"#{active_id}").inner_text() == "Filipstad – kommun":
            break
    assert page.locator(f"#{active_id}").get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/kommuner/filipstad/$"))


def test_escape_closes_the_suggestions(page, site_url):
    page.goto(site_url + "/sok/")
    box = page.get_by_role("combobox", name="Sökord")
    box.press_sequentially("grund", delay=40)
    page.get_by_role("listbox").get_by_role("option").first.wait_for()
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"


def test_filters_update_results_without_reloading_and_the_url_follows(page, site_url):
    page.goto(site_url + "/sok/")
    page.evaluate("window.__noReload = true")
    before = page.locator(".result-count").inner_text()
    page.get_by_role("checkbox", name=re.compile(r"^Grundskola")).check()
    page.wait_for_url(re.compile(r"tema=grundskola"))
    _settled(page)
    assert page.evaluate("window.__noReload") is True
    after = page.locator(".result-count").inner_text()
    assert after != before
    assert page.get_by_role("checkbox", name=re.compile(r"^Grundskola")).is_checked()
    chip = page.locator("a.chip", has_text="Grundskola")
    chip.click()
    page.wait_for_url(re.compile(r"/sok/\??$"))
    assert page.locator(".result-count").inner_text() == before
    page.go_back()
    page.wait_for_url(re.compile(r"tema=grundskola"))
    screenshot(page, "search-filtered")


def test_filters_work_without_javascript(page_without_js, site_url):
    page = page_without_js
    page.goto(site_url + "/sok/?q=skola")
    page.get_by_role("checkbox", name=re.compile(r"^Grundskola")).check()
    page.get_by_role("button", name="Använd filter").click()
    page.wait_for_url(re.compile(r"tema=grundskola"))
    assert "q=skola" in page.url
    assert page.locator("a.chip", has_text="Grundskola").count() == 1
    screenshot(page, "search-without-js")


PHONE = {"width": 390, "height": 844}
RESULT_LINK = ".hits .hit-title a"


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport=PHONE, locale="sv-SE")
    yield context.new_page()
    context.close()


def _settled(page):
    # Locators, not wait_for_function: the site's policy refuses the eval its polling needs.
    expect(page.locator(".search-layout:not([aria-busy])")).to_have_count(1)


def _announced(page, text):
    expect(page.locator("[data-search-announcer]")).to_have_text(text)


def test_on_a_phone_results_come_first_and_filters_open_in_a_dialog(phone_page, site_url):
    page = phone_page
    page.goto(site_url + "/sok/?tema=grundskola&resultat=ja")
    title = page.locator(RESULT_LINK).first.bounding_box()
    assert title["y"] < 900, f"the first result starts {title['y']:.0f} px down the page"
    assert not page.get_by_role("checkbox").first.is_visible(), "filters shown before results"

    toggle = page.get_by_role("button", name="Filter (2)")
    toggle.click()
    dialog = page.get_by_role("dialog", name="Filter")
    dialog.wait_for()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    screenshot(page, "search-filter-dialog-phone")
    # The county map is one way of choosing a county, inside the filters.
    assert dialog.get_by_text("Välj på en karta").is_visible()

    # Focus stays inside the modal dialog however far one tabs.
    for _ in range(40):
        page.keyboard.press("Tab")
        inside = page.evaluate(
            "document.activeElement === document.body"
            " || document.activeElement.closest('dialog[open]') !== null"
        )
        assert inside, "Tab left the open filter dialog"

    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement.dataset.filterOpen !== undefined")

    toggle.click()
    dialog.get_by_role("checkbox", name=re.compile(r"^Värmland")).check()
    _settled(page)
    done = dialog.get_by_role("button", name=re.compile(r"^Visa \d+ träff"))
    shown = int(re.search(r"\d+", done.inner_text()).group())
    assert re.search(r"lan=17", page.url)
    done.click()
    assert not dialog.is_visible()
    count = page.locator(".result-count").inner_text()
    assert count.startswith(f"{shown} insats")
    assert page.get_by_role("button", name="Filter (3)").is_visible()
    _announced(page, count)


def test_on_a_phone_without_javascript_the_filter_link_leads_to_the_filters(browser, site_url):
    context = browser.new_context(viewport=PHONE, locale="sv-SE", java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/sok/?q=skola")
    assert page.locator(RESULT_LINK).first.bounding_box()["y"] < 900
    page.get_by_role("link", name="Filter").click()
    assert re.search(r"#search-filters$", page.url)
    page.get_by_role("checkbox", name=re.compile(r"^Grundskola")).check()
    page.get_by_role("button", name="Använd filter").click()
    page.wait_for_url(re.compile(r"tema=grundskola"))
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_first_result_is_five_tab_presses_from_the_top(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 844}, locale="sv-SE")
    page = context.new_page()
    page.goto(site_url + "/sok/?q=brobyggare")
    first_result = page.locator(RESULT_LINK).first.get_attribute("href")
    presses, reached = 0, False
    while presses < 5 and not reached:
        page.keyboard.press("Tab")
        presses += 1
        focused = page.evaluate(
            "(() => { const e = document.activeElement, r = e.getBoundingClientRect();"
            " return {text: e.textContent.trim(), href: e.getAttribute('href'),"
            " visible: r.top >= 0 && r.bottom <= innerHeight && r.width > 1}; })()"
        )
        if focused["text"] == "Hoppa till sökträffarna":
            assert focused["visible"], f"the skip link does not show on focus at {width} px"
            page.keyboard.press("Enter")
        reached = focused["href"] == first_result
    context.close()
    assert reached, f"the first result is not reached in 5 Tab presses at {width} px"


def test_the_new_result_count_is_announced_after_filtering(page, site_url):
    page.goto(site_url + "/sok/")
    page.get_by_role("checkbox", name=re.compile(r"^Grundskola")).check()
    page.wait_for_url(re.compile(r"tema=grundskola"))
    _settled(page)
    count = page.locator(".result-count").inner_text()
    announcer = page.locator("[data-search-announcer]")
    assert announcer.get_attribute("role") == "status"
    _announced(page, count)
    assert page.locator("#search-filters").bounding_box()["x"] > 600, "filters not beside results"
