"""Every public page type in a real browser, on a phone and a desktop viewport.

Per page: axe-core finds no WCAG 2.1 A/AA violation (label in name included) and no text whose
contrast it cannot decide; there is one h1 and heading levels never skip
downwards; every image has an alt attribute (the case's hero image a non-empty one); <html lang>
follows the interface language and Swedish content is marked lang="sv" under the English
interface; nothing scrolls sideways; and the browser asks no other host for anything. One test
per (page type, viewport) runs every check and reports all failures together, so one run tells
what to fix and where. A full-page screenshot of each lands in artifacts/screenshots/.

The pages are found by following the site's links (tests/browser/pages.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

from core.language_urls import language_path
from tests.browser.conftest import (
    VIEWPORTS,
    axe_results,
    axe_violations,
    contrast_to_review,
    format_violations,
    screenshot,
)
from tests.browser.pages import PAGE_TYPES

ENGLISH_PAGE_TYPES = ["home", "case"]


@dataclass(frozen=True)
class Target:
    kind: str
    viewport: str
    language: str = "sv"

    def __str__(self) -> str:
        suffix = "" if self.language == "sv" else f"-{self.language}"
        return f"{self.kind}-{self.viewport}{suffix}"


TARGETS = [Target(kind, viewport) for kind in PAGE_TYPES for viewport in VIEWPORTS] + [
    Target(kind, viewport, "en") for kind in ENGLISH_PAGE_TYPES for viewport in VIEWPORTS
]

HEADINGS_JS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]')]
    .filter(h => h.checkVisibility({visibilityProperty: true})
                 && !h.closest('[aria-hidden="true"]'))
    .map(h => ({
        level: h.getAttribute('role') === 'heading'
            ? Number(h.getAttribute('aria-level') || 2) : Number(h.tagName[1]),
        html: h.outerHTML,
    }))"""

IMAGES_JS = """() => [...document.images].map(img => ({
    alt: img.getAttribute('alt'),
    inMain: img.closest('main') !== null,
    loaded: img.complete && img.naturalWidth > 0,
    html: img.outerHTML,
}))"""

# The h1 and the longest paragraph in <main>: on a case and on the home page the longest
# paragraph is editor-written prose (a summary, the introduction, a section of the body), which
# stays Swedish under the English interface; interface strings are short.
LANGUAGE_JS = """() => {
    const lang = e => e ? (e.closest('[lang]')?.getAttribute('lang') ?? null) : null;
    const describe = e => e && {lang: lang(e), html: e.outerHTML};
    const h1 = document.querySelector('main h1') || document.querySelector('h1');
    const paragraphs = [...document.querySelectorAll('main p')];
    const longest = paragraphs.reduce(
        (best, p) => (!best || p.textContent.length > best.textContent.length ? p : best), null);
    return {
        document: document.documentElement.getAttribute('lang'),
        h1: describe(h1),
        paragraph: describe(longest),
    };
}"""

# Elements reaching past the right edge, outermost first, leaving out those inside a container
# that scrolls or clips on its own (a wide table in a scrolling region is fine).
REFLOW_JS = """() => {
    const root = document.scrollingElement;
    const width = root.clientWidth;
    const result = {scrollWidth: root.scrollWidth, clientWidth: width, offenders: []};
    if (root.scrollWidth <= width) return result;
    const tooWide = e => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.right > width + 0.5;
    };
    const clipped = e => {
        for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
            if (getComputedStyle(a).overflowX !== 'visible') return true;
        }
        return false;
    };
    result.offenders = [...document.body.querySelectorAll('*')]
        .filter(e => tooWide(e) && !clipped(e) && !(e.parentElement && tooWide(e.parentElement)
                                                       && e.parentElement !== document.body))
        .slice(0, 8)
        .map(e => `${Math.round(e.getBoundingClientRect().right)}px: ${e.outerHTML.slice(0, 160)}`);
    return result;
}"""


def shorten(html: str, limit: int = 160) -> str:
    html = " ".join(html.split())
    return html if len(html) <= limit else html[: limit - 1] + "…"


def heading_problems(headings: list[tuple[int, str]]) -> list[str]:
    """One h1, and no heading more than one level deeper than the one before it (h2 → h4).

    `headings` are (level, html) in document order. Going back up any number of levels is fine.
    """
    problems = []
    h1s = [html for level, html in headings if level == 1]
    if len(h1s) != 1:
        found = "".join(f"\n    {shorten(html)}" for html in h1s)
        problems.append(f"expected exactly one h1, found {len(h1s)}{found}")
    previous = 1
    for level, html in headings:
        if level > previous + 1:
            problems.append(f"heading level skips from h{previous} to h{level}: {shorten(html)}")
        previous = level
    return problems


def image_problems(images: list[dict], *, hero_needs_alt: bool) -> list[str]:
    """Every image has an alt attribute (empty only when decorative) and loads; when
    `hero_needs_alt`, the first image in <main> – the case's hero image – has a non-empty alt."""
    problems = []
    for image in images:
        if image["alt"] is None:
            problems.append(f"image without an alt attribute: {shorten(image['html'])}")
        if not image["loaded"]:
            problems.append(f"image did not load: {shorten(image['html'])}")
    if hero_needs_alt:
        in_main = [image for image in images if image["inMain"]]
        if not in_main:
            problems.append("the case page shows no hero image in <main>")
        elif not (in_main[0]["alt"] or "").strip():
            problems.append(
                "the case's hero image has no alt text (it is content, not decoration): "
                + shorten(in_main[0]["html"])
            )
    return problems


def language_problems(target: Target, languages: dict) -> list[str]:
    """<html lang> is the interface language; under English, Swedish editor content (the case
    title and the longest paragraph on a case, the longest paragraph on the home page) sits in
    an element marked lang="sv"."""
    problems = []
    document_language = (languages["document"] or "").split("-")[0]
    if document_language != target.language:
        problems.append(f'<html lang="{languages["document"]}">, expected lang="{target.language}"')
    if target.language == "sv":
        return problems
    swedish_content = {"case": ["h1", "paragraph"], "home": ["paragraph"]}.get(target.kind, [])
    for name in swedish_content:
        element = languages[name]
        if element is None:
            problems.append(f'no {name} in <main> to check for lang="sv"')
        elif (element["lang"] or "").split("-")[0] != "sv":
            problems.append(
                f'Swedish content is not marked lang="sv" (its language resolves to '
                f'"{element["lang"]}"): {shorten(element["html"])}'
            )
    return problems


def reflow_problems(reflow: dict) -> list[str]:
    if reflow["scrollWidth"] <= reflow["clientWidth"]:
        return []
    offenders = "".join(f"\n    {line}" for line in reflow["offenders"]) or (
        " none found among the elements; look at margins and pseudo-elements"
    )
    return [
        f"the page scrolls sideways: {reflow['scrollWidth']}px wide in a "
        f"{reflow['clientWidth']}px viewport; widest elements:{offenders}"
    ]


def foreign_requests(requested: list[str], base_url: str) -> list[str]:
    """Requests that went anywhere but the test server (data: and blob: URLs stay in the page)."""
    origin = urlsplit(base_url)[:2]
    return [
        url
        for url in requested
        if urlsplit(url).scheme not in ("data", "blob", "about") and urlsplit(url)[:2] != origin
    ]


@pytest.mark.parametrize("target", TARGETS, ids=str)
def test_page_type_passes_the_accessibility_checks(target, open_page, public_pages, request):
    if target.kind == "not-found":
        base_url = request.getfixturevalue("production_site_url")
    else:
        base_url = request.getfixturevalue("site_url")
    path = language_path(public_pages.path(target.kind), target.language)
    page = open_page(target.viewport)
    requested: list[str] = []
    page.on("request", lambda sent: requested.append(sent.url))

    response = page.goto(base_url + path)
    expected_status = 404 if target.kind == "not-found" else 200
    assert response.status == expected_status, (
        f"GET {path} answered {response.status}, expected {expected_status}"
    )
    page.wait_for_load_state("networkidle")
    screenshot(page, str(target))

    problems = []
    results = axe_results(page)
    violations = results["violations"]
    if violations:
        problems.append(
            f"axe-core found {len(violations)} WCAG 2.1 A/AA violation(s):\n"
            + format_violations(violations)
        )
    undecided = contrast_to_review(results)
    if undecided:
        problems.append(
            "axe-core could not decide the contrast of some text (needs review); put it on a"
            " solid background:\n" + format_violations(undecided)
        )
    headings = [(heading["level"], heading["html"]) for heading in page.evaluate(HEADINGS_JS)]
    problems += heading_problems(headings)
    problems += image_problems(page.evaluate(IMAGES_JS), hero_needs_alt=target.kind == "case")
    problems += language_problems(target, page.evaluate(LANGUAGE_JS))
    problems += reflow_problems(page.evaluate(REFLOW_JS))
    problems += [f"request to another host: {url}" for url in foreign_requests(requested, base_url)]

    if problems:
        width = VIEWPORTS[target.viewport]["width"]
        pytest.fail(
            f"{target.kind} page {path} ({target.viewport}, {width}px, "
            f"interface {target.language}):\n- " + "\n- ".join(problems),
            pytrace=False,
        )


def test_heading_checks_catch_a_skipped_level_and_a_second_h1():
    headings = [(1, "<h1>A</h1>"), (2, "<h2>B</h2>"), (4, "<h4>C</h4>"), (1, "<h1>D</h1>")]
    assert heading_problems(headings) == [
        "expected exactly one h1, found 2\n    <h1>A</h1>\n    <h1>D</h1>",
        "heading level skips from h2 to h4: <h4>C</h4>",
    ]


def test_heading_checks_accept_going_back_up_any_number_of_levels():
    headings = [(1, "h1"), (2, "h2"), (3, "h3"), (4, "h4"), (2, "h2"), (3, "h3")]
    assert heading_problems(headings) == []


def test_only_requests_to_the_test_server_are_allowed():
    requested = [
        "http://127.0.0.1:8000/static/css/site.css",
        "data:image/png;base64,AAAA",
        "http://127.0.0.1:9000/elsewhere.js",
        "https://fonts.example/font.woff2",
    ]
    assert foreign_requests(requested, "http://127.0.0.1:8000") == [
        "http://127.0.0.1:9000/elsewhere.js",
        "https://fonts.example/font.woff2",
    ]


def test_axe_reports_violations_with_rule_target_and_html(page):
    page.set_content(
        '<!DOCTYPE html><html lang="sv"><title>t</title><body><main>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" id="no-alt">'
        '<p style="color:#bbb;background:#fff">Svag kontrast</p></main></body></html>'
    )
    report = format_violations(axe_violations(page))
    assert "image-alt (critical)" in report
    assert "at #no-alt: <img" in report
    assert "color-contrast (serious)" in report


def test_axe_checks_label_in_name_and_reports_contrast_it_cannot_decide(page):
    page.set_content(
        '<!DOCTYPE html><html lang="sv"><title>t</title><body><main>'
        '<a id="mismatch" href="/x" aria-label="Norrbottens län: 0 insatser">Norrbotten 0</a>'
        '<p id="gradient" style="background:linear-gradient(#fff,#0a5c5a)">Text på gradient</p>'
        "</main></body></html>"
    )
    results = axe_results(page)
    assert "label-content-name-mismatch" in format_violations(results["violations"])
    assert "at #gradient" in format_violations(contrast_to_review(results))
