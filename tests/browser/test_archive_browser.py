"""The static archive (manage.py build_archive) opened from disk in Chromium, as someone who
finds the folder after the programme has ended would: file://, no server, nothing fetched from
the network."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS, axe_violations, format_violations, screenshot
from tests.servers import manage_ok

CASE_LINK = re.compile(r"^kommuner/[^/]+/[^/]+/index\.html$")
THEME_LINK = re.compile(r"^teman/[^/]+/index\.html$")


@pytest.fixture(scope="module")
def archive(site_env, tmp_path_factory):
    folder = tmp_path_factory.mktemp("archive") / "kunskapsbanken"
    manage_ok(site_env, "build_archive", str(folder), "--date", "2027-12-31")
    return folder


@pytest.fixture
def archive_page(browser):
    """A page that records every request it makes."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="sv-SE")
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def first_link(page, pattern: re.Pattern) -> str:
    hrefs = page.locator("main a[href]").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    return next(href for href in hrefs if pattern.match(href))


def network_requests(page) -> list[str]:
    return [url for url in page.requests if url.startswith(("http:", "https:"))]


def test_the_archive_is_browsed_from_disk_from_home_to_a_theme_and_a_case(archive_page, archive):
    page = archive_page
    home = (archive / "index.html").as_uri()
    page.goto(home)
    expect(page.locator(".archive-banner")).to_contain_text(
        "Arkiverad kopia av Kunskapsbanken från 31 december 2027"
    )

    theme_href = first_link(page, THEME_LINK)
    theme_name = page.locator(f'main a[href="{theme_href}"]').first.inner_text()
    page.locator(f'main a[href="{theme_href}"]').first.click()
    page.wait_for_url(re.compile(r"^file://.*/teman/[^/]+/index\.html$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(theme_name.strip())

    page.goto(home)
    case_href = first_link(page, CASE_LINK)
    case_title = page.locator(f'main a[href="{case_href}"]').first.inner_text().strip()
    page.locator(f'main a[href="{case_href}"]').first.click()
    page.wait_for_url(re.compile(r"^file://.*/kommuner/[^/]+/[^/]+/index\.html$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(case_title)
    # The page's style sheet and images came from the folder too.
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != "Times New Roman"
    assert page.evaluate("[...document.images].every(image => image.naturalWidth > 0)")
    screenshot(page, "archive-case")

    # Back up through the breadcrumbs to the municipality.
    page.locator(".breadcrumbs a").last.click()
    page.wait_for_url(re.compile(r"^file://.*/kommuner/[^/]+/index\.html$"))
    assert network_requests(page) == []


def test_the_offline_search_finds_a_case_and_leads_to_it(archive_page, archive):
    page = archive_page
    page.goto((archive / "index.html").as_uri())
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Sök").click()
    page.wait_for_url(re.compile(r"^file://.*/sok/index\.html$"))
    box = page.get_by_role("searchbox", name="Sökord")
    box.fill("skol")
    hits = page.locator("[data-archive-hits] .hit-title a")
    expect(hits.first).to_be_visible()
    expect(page.locator("[data-archive-status]")).to_have_text(re.compile(r"^\d+ insatser$"))
    title = hits.first.inner_text()
    screenshot(page, "archive-search")
    hits.first.click()
    page.wait_for_url(re.compile(r"^file://.*/kommuner/[^/]+/[^/]+/index\.html$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    # The site's own search box in the header leads to the same search, with the word in it.
    page.get_by_role("search").get_by_role("searchbox").fill("läxhjälp")
    page.get_by_role("search").get_by_role("button").click()
    page.wait_for_url(re.compile(r"/sok/index\.html\?q="))
    expect(page.get_by_role("searchbox", name="Sökord")).to_have_value("läxhjälp")
    expect(page.locator("[data-archive-hits] .hit").first).to_be_visible()

    # Capitals do not matter; å, ä and ö are letters of their own, not a, a and o.
    box = page.get_by_role("searchbox", name="Sökord")
    box.fill("LÄXHJÄLP")
    expect(page.locator("[data-archive-hits] .hit").first).to_be_visible()
    box.fill("laxhjalp")
    expect(page.locator("[data-archive-status]")).to_have_text("Inga insatser matchar sökningen.")
    expect(page.locator("[data-archive-hits] .hit")).to_have_count(0)
    assert network_requests(page) == []


def test_without_javascript_the_search_page_lists_cases_per_theme_and_municipality(
    browser, archive
):
    context = browser.new_context(
        viewport=VIEWPORTS["desktop"], locale="sv-SE", java_script_enabled=False
    )
    page = context.new_page()
    page.goto((archive / "sok" / "index.html").as_uri())
    expect(page.get_by_role("heading", name="Per fokusområde", level=2)).to_be_visible()
    expect(page.get_by_role("heading", name="Per kommun", level=2)).to_be_visible()
    expect(page.get_by_role("heading", name="Filipstad", level=3)).to_be_visible()
    assert not page.get_by_role("searchbox", name="Sökord").is_visible()
    page.locator("section[aria-labelledby=per-municipality] a").first.click()
    page.wait_for_url(re.compile(r"^file://.*/kommuner/[^/]+/[^/]+/index\.html$"))
    context.close()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize(
    "path", ["sok/index.html", "en/sok/index.html", "arkiv/inte-med/index.html"]
)
def test_the_archives_own_pages_pass_axe(browser, archive, viewport, path):
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale="sv-SE")
    page = context.new_page()
    page.goto((archive / path).as_uri())
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]
    context.close()
