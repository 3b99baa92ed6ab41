"""'Kommuner som liknar min' in search, as a visitor picks it: from the filter form's select, with
and without JavaScript, and removed again by its chip."""

import re

from playwright.sync_api import expect

SIMILAR_LABEL = "Insatser från en kommun och de tio kommuner som liknar den mest"


def test_picking_a_municipality_narrows_the_results_and_the_chip_removes_it(page, site_url):
    page.goto(site_url + "/sok/")
    before = page.locator(".result-count").inner_text()
    page.get_by_label(SIMILAR_LABEL).select_option(label="Filipstad")
    page.wait_for_url(re.compile(r"liknar=filipstad"))
    chip = page.locator("a.chip", has_text="Kommuner som liknar Filipstad")
    expect(chip).to_be_visible()
    chip.click()
    page.wait_for_url(re.compile(r"/sok/\??$"))
    expect(page.locator(".result-count")).to_have_text(before)


def test_the_select_works_without_javascript(page_without_js, site_url):
    page = page_without_js
    page.goto(site_url + "/sok/")
    page.get_by_label(SIMILAR_LABEL).select_option(label="Filipstad")
    page.get_by_role("button", name="Använd filter").click()
    page.wait_for_url(re.compile(r"liknar=filipstad"))
    expect(page.locator("a.chip", has_text="Kommuner som liknar Filipstad")).to_be_visible()
