"""The search page as people use it: by keyboard, with and without JavaScript."""

import re

from tests.browser.conftest import screenshot


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
    page.wait_for_function(
        "document.querySelector('.search-layout').getAttribute('aria-busy') !== 'true'"
    )
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
