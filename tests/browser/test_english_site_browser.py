"""The site as a new visitor meets it on a phone and in English (#15 items 1 and 8): the header's
words stay whole, facet counts stay on one line, and the English site names keywords and focus
areas in English and keeps its links in English."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot

PHONE = {"width": 390, "height": 844}

# How many lines an element's text is laid out on (a word broken over two lines counts two).
LINES = """element => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const tops = new Set();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) tops.add(Math.round(rect.top));
    }
    return tops.size;
}"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="sv-SE")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_on_a_phone_the_site_name_and_button_labels_are_never_broken(
    phone, site_url, public_pages, prefix
):
    phone.goto(site_url + prefix + public_pages.path("case"))
    screenshot(phone, f"header-phone{prefix.replace('/', '-')}")
    assert phone.locator(".site-name__link").evaluate(LINES) == 1, "the site name wraps"
    button = phone.locator(".header-search button")
    assert button.evaluate(LINES) == 1, f"“{button.inner_text()}” wraps inside the word"


def test_facet_counts_stay_on_one_line(page, site_url):
    page.goto(site_url + "/sok/?q=skola")
    counts = page.locator(".facet .count:visible")
    assert counts.count() > 5
    for index in range(counts.count()):
        count = counts.nth(index)
        assert count.evaluate(LINES) == 1, f"the count {count.inner_text()!r} wraps"


def test_the_english_site_names_keywords_in_english(page, site_url, public_pages):
    keyword = public_pages.path("keyword")
    page.goto(site_url + keyword)
    swedish = page.get_by_role("heading", level=1).inner_text()
    page.goto(site_url + "/en" + keyword)
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() != swedish, "the keyword page is Swedish on the English site"
    assert heading.get_attribute("lang") is None
    assert page.title() == f"{heading.inner_text()} – Kunskapsbanken"
    page.get_by_role("link", name="Search and filter the cases with this keyword").click()
    page.wait_for_url("**/en/sok/?nyckelord=*")


def test_an_english_case_names_its_keywords_and_focus_areas_in_english(
    page, site_url, public_pages
):
    case = public_pages.path("case")
    page.goto(site_url + case)
    swedish = page.locator(".chip-list a").all_inner_texts()
    page.goto(site_url + "/en" + case)
    english = page.locator(".chip-list a").all_inner_texts()
    assert len(english) == len(swedish) > 1
    assert english != swedish
    untranslated = page.locator(".chip-list li[lang=sv]").all_inner_texts()
    assert not untranslated, f"Swedish names on the English case page: {untranslated}"
    assert page.get_by_text("The text on this page is written in Swedish.").is_visible()
