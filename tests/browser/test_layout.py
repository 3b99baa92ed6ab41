"""The layout holds on a 320 px screen: no page scrolls sideways, whatever its content.

Long content is made on purpose: a published case whose title is long and whose text has words
longer than the screen is wide (as Swedish compounds and pasted addresses are), a search of
1,000 characters without a space, and the same search in the admin's search statistics. Every
public page type, the long case and its municipality are opened at 320 px; the document must
be no wider than the viewport.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot
from tests.browser.pages import PAGE_TYPES
from tests.servers import manage_ok

NARROW = {"width": 320, "height": 640}
LONG_WORD = "Kompetensförsörjningssamverkansutvecklingsprogramsuppföljningsrapporten"
LONG_TITLE = (
    f"{LONG_WORD} för grundskolans lärarassistenter i nordvästra Värmlands glesbygdskommuner "
    "och deras samarbetspartner inom folkbildningen och civilsamhället"
)
LONG_QUERY = ("läxhjälpsverksamhetsutveckling" * 40)[:1000]
ADMIN_USER, ADMIN_PASSWORD = "layout-admin", "layout-admin-password-only-for-tests"

CREATE = f"""
from cases.models import MunicipalityPage
from tests.factories import make_case
from django.contrib.auth import get_user_model
User = get_user_model()
User.objects.filter(username={ADMIN_USER!r}).exists() or User.objects.create_superuser(
    {ADMIN_USER!r}, 'layout@localhost', {ADMIN_PASSWORD!r})
parent = MunicipalityPage.objects.live().order_by('path').first()
case = make_case(parent, slug='lang-layouttest', title={LONG_TITLE!r},
    summary='Sammanfattning med {LONG_WORD}{LONG_WORD} och https://example.org/' + 'a' * 120,
    sections={{'background': ['{LONG_WORD} ' * 5]}})
print(case.url)
"""
DELETE = (
    "from cases.models import CaseStudyPage; "
    "CaseStudyPage.objects.filter(slug='lang-layouttest').delete()"
)

# Which elements stick out past the right edge, for the failure message.
WIDER_THAN_VIEWPORT = """() => {
    const width = document.documentElement.clientWidth;
    const found = [];
    for (const element of document.body.querySelectorAll('*')) {
        const rect = element.getBoundingClientRect();
        if (rect.right > width + 1 && rect.width > 0) {
            const classes = typeof element.className === 'string' ? element.className.trim() : '';
            const name = element.tagName.toLowerCase()
                + (classes ? '.' + classes.split(/\\s+/).join('.') : '');
            found.push(`${name} (${Math.round(rect.right)} px)`);
        }
    }
    return {scrollWidth: document.documentElement.scrollWidth, width, found: found.slice(0, 8)};
}"""


@pytest.fixture(scope="module")
def long_case(site_env):
    """The path of a published case with a long title and over-long words (deleted afterwards)."""
    manage_ok(site_env, "shell", "-c", DELETE)
    path = manage_ok(site_env, "shell", "-c", CREATE).split()[-1]
    yield path
    manage_ok(site_env, "shell", "-c", DELETE)


@pytest.fixture
def narrow_page(browser):
    context = browser.new_context(viewport=NARROW, locale="sv-SE")
    yield context.new_page()
    context.close()


def _overflow(page, url: str) -> str | None:
    page.goto(url)
    measured = page.evaluate(WIDER_THAN_VIEWPORT)
    if measured["scrollWidth"] <= measured["width"]:
        return None
    return f"{url}: {measured['scrollWidth']} px wide, sticking out: {', '.join(measured['found'])}"


def test_no_public_page_scrolls_sideways_at_320_px(
    narrow_page, site_url, production_site_url, public_pages, long_case
):
    # The site's own not-found page shows only with DEBUG off (the other site shows Django's).
    problems = [
        _overflow(narrow_page, production_site_url + "/den-har-sidan-finns-inte/" + LONG_WORD)
    ]
    paths = [public_pages.path(kind) for kind in PAGE_TYPES if kind != "not-found"]
    paths += [
        long_case,
        long_case.rstrip("/").rsplit("/", 1)[0] + "/",
        f"/sok/?q={LONG_QUERY}",
        f"/sok/?q={LONG_WORD}",
        f"/sok/?q={LONG_QUERY}&lan=abc&tema=" + "x" * 300,
        "/sok/?fran=2001&till=2030&tema=grundskola&lan=17&resultat=ja",
    ]
    problems += [_overflow(narrow_page, site_url + path) for path in paths]
    problems = [problem for problem in problems if problem]
    assert not problems, "\n".join(problems)


def test_the_admin_search_statistics_do_not_scroll_sideways_at_320_px(
    narrow_page, site_url, long_case
):
    page = narrow_page
    page.goto(site_url + f"/sok/?q={LONG_QUERY}")  # recorded in this week's statistics
    page.goto(site_url + "/admin/login/")
    page.fill("input[name=username]", ADMIN_USER)
    page.fill("input[name=password]", ADMIN_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(site_url + "/admin/")
    problem = _overflow(page, site_url + "/admin/reports/sokstatistik/")
    assert page.get_by_text(LONG_QUERY[:40]).count() >= 1, "the long search is not listed"
    assert problem is None, problem


def test_year_inputs_keep_their_label_on_the_same_line(narrow_page, site_url):
    page = narrow_page
    page.goto(site_url + "/sok/")
    page.get_by_role("button", name="Filter").click()
    for label in ("Från", "till"):
        box = page.get_by_label(label, exact=True).bounding_box()
        text = page.locator(f"label:text-is('{label}')").bounding_box()
        assert (
            abs(box["y"] + box["height"] / 2 - (text["y"] + text["height"] / 2)) < box["height"]
        ), f"the year input of “{label}” wraps away from its label"


def test_the_statistics_page_is_readable_on_a_desktop(browser, site_url):
    """Charts across their whole figure, each with its table one click away, a menu of the
    figures, and the page under 4,000 px tall at 1280 px."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page = context.new_page()
    page.goto(site_url + "/statistik/")
    height = page.evaluate("document.documentElement.scrollHeight")
    screenshot(page, "statistics-desktop")
    assert height < 4000, f"/statistik/ is {height} px tall"

    menu = page.get_by_role("navigation", name="Siffror på den här sidan")
    figures = page.locator("section.figure")
    assert menu.locator("a[href^='#']").count() == figures.count() >= 8
    for index in range(figures.count()):
        figure = figures.nth(index)
        title = figure.get_by_role("heading", level=2).inner_text()
        assert menu.get_by_role("link", name=title, exact=True).count() == 1, title
        assert figure.locator("[role=img]:visible").count() == 1, title
        bars = figure.locator(".figure-bars:visible")  # counties show a map at this width
        if bars.count():
            width, room = bars.bounding_box()["width"], figure.bounding_box()["width"]
            assert width >= 0.9 * room, f"the chart of “{title}” is {width:.0f} of {room:.0f} px"
        table = figure.locator("details.figure-table")
        table.locator("summary").click()
        assert table.get_by_role("table").is_visible(), f"no table for “{title}”"
    context.close()
