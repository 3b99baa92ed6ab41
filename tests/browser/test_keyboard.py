"""The public site by keyboard alone, on a phone and a desktop viewport.

From the top of a page, Tab must reach the skip link first, then the header's search box and
language switcher; on the search page it must reach the filters and the results. Every element
Tab stops on must show a visible focus indicator: an outline at least 2px wide in a visible
colour, or a box-shadow, that it does not have when unfocused – measured on the computed style
while focused and again after focus has moved on.
"""

from __future__ import annotations

import re

from tests.browser.conftest import screenshot

# Describes the focused element and, once focus has moved on, the style the previously focused
# element has without focus. The walk's memory lives on window, so it starts afresh per page.
FOCUS_JS = """() => {
    const ring = (e, pseudo) => {
        const s = getComputedStyle(e, pseudo);
        return {outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0,
                outlineColor: s.outlineColor, boxShadow: s.boxShadow};
    };
    // The indicator may be drawn by the element, by a ::before/::after (cards whose link
    // covers the card) or, for links in an SVG, by the stroke of the shape inside.
    const style = e => {
        const shape = e instanceof SVGElement
            ? e.querySelector('rect, path, circle, polygon') : null;
        const stroke = shape && getComputedStyle(shape);
        return {
            element: ring(e, null), before: ring(e, '::before'), after: ring(e, '::after'),
            stroke: stroke && {colour: stroke.stroke, width: parseFloat(stroke.strokeWidth) || 0},
        };
    };
    const memory = window.__focusWalk || (window.__focusWalk = {seen: new Set(), previous: null});
    const el = document.activeElement;
    let unfocused = null;
    if (memory.previous && memory.previous !== el) unfocused = style(memory.previous);
    if (!el || el === document.body || el === document.documentElement) {
        memory.previous = null;
        return {current: null, unfocused};
    }
    const rect = el.getBoundingClientRect();
    const href = el.getAttribute('href') || '';
    const target = href.length > 1 && href.startsWith('#')
        ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
    const inBanner = el.closest('header') !== null && el.closest('main') === null;
    const current = {
        html: el.outerHTML.replace(/\\s+/g, ' ').slice(0, 160),
        repeated: memory.seen.has(el),
        inMain: el.closest('main') !== null,
        inBanner,
        isSkipLink: target !== null && target.closest('main') !== null,
        isSearchBox: el.matches('input[type="search"], [role="searchbox"], [role="combobox"]'),
        isLanguageControl: el.closest('.language-switcher') !== null,
        isFacet: el.matches('input[type="checkbox"]') && el.closest('fieldset') !== null,
        isResultLink: el.matches('a[href]') && el.closest('main h2, main h3, main h4') !== null,
        isCollapsedMenu: inBanner && el.getAttribute('aria-expanded') === 'false',
        // Within the page (not parked off-screen like an unfocused skip link); measured in page
        // coordinates because a smooth scroll to the element may still be under way.
        onScreen: rect.width > 0 && rect.height > 0 && rect.right + scrollX > 0
                  && rect.bottom + scrollY > 0
                  && rect.left + scrollX < document.scrollingElement.scrollWidth,
        focused: style(el),
    };
    memory.seen.add(el);
    memory.previous = el;
    return {current, unfocused};
}"""

MAX_TAB_STOPS = 250


def walk(page, done=lambda stops: False, open_menus: bool = True) -> list[dict]:
    """Press Tab from where focus is until `done(stops)`, the end of the page or a repeat.

    Returns the focus stops in order, each with its focused style and (`unfocused`) its style
    after focus left it. A collapsed menu button in the header (aria-expanded="false") is opened
    with Enter on the way, as a keyboard user on a small screen would.
    """
    stops: list[dict] = []
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        step = page.evaluate(FOCUS_JS)
        if stops and stops[-1].get("unfocused") is None:
            stops[-1]["unfocused"] = step["unfocused"]
        current = step["current"]
        if current is None or current["repeated"]:
            break
        stops.append(current)
        if done(stops):
            page.keyboard.press("Tab")
            stops[-1]["unfocused"] = page.evaluate(FOCUS_JS)["unfocused"]
            break
        if open_menus and current["isCollapsedMenu"]:
            page.keyboard.press("Enter")
    return stops


def _visible(colour: str) -> bool:
    return colour not in ("transparent", "rgba(0, 0, 0, 0)")


def _ring_shows_focus(focused: dict, unfocused: dict | None) -> bool:
    outline = (
        focused["outlineStyle"] != "none"
        and focused["outlineWidth"] >= 2
        and _visible(focused["outlineColor"])
    )
    shadow = focused["boxShadow"] != "none"
    if unfocused is not None:
        outline = outline and (
            unfocused["outlineStyle"] == "none"
            or (focused["outlineWidth"], focused["outlineColor"])
            != (unfocused["outlineWidth"], unfocused["outlineColor"])
        )
        shadow = shadow and focused["boxShadow"] != unfocused["boxShadow"]
    return outline or shadow


def _stroke_shows_focus(focused: dict | None, unfocused: dict | None) -> bool:
    if not focused or focused["width"] < 2 or not _visible(focused["colour"]):
        return False
    return unfocused is None or focused != unfocused


def focus_problem(stop: dict) -> str | None:
    """Why a focus stop shows no visible focus indicator, or None when it does.

    An indicator is an outline at least 2px wide in a visible colour, or a box-shadow, on the
    element or its ::before/::after, or a stroke at least 2px wide on the shape inside an SVG
    link – and, once the element has been measured unfocused too, one it lacks without focus.
    """
    if not stop["onScreen"]:
        return f"focused element is not on screen: {stop['html']}"
    focused, unfocused = stop["focused"], stop.get("unfocused")
    rings = ("element", "before", "after")
    if any(_ring_shows_focus(focused[r], unfocused and unfocused[r]) for r in rings):
        return None
    if _stroke_shows_focus(focused["stroke"], unfocused and unfocused["stroke"]):
        return None
    ring = focused["element"]
    return (
        f"no visible focus indicator (outline {ring['outlineStyle']} {ring['outlineWidth']}px "
        f"{ring['outlineColor']}, box-shadow {ring['boxShadow']}, nothing on ::before/::after): "
        f"{stop['html']}"
    )


def focus_problems(stops: list[dict]) -> list[str]:
    return [problem for problem in map(focus_problem, stops) if problem]


def describe(stops: list[dict]) -> str:
    return "\n".join(f"  {number}. {stop['html']}" for number, stop in enumerate(stops, 1))


def first(stops: list[dict], flag: str, *, in_banner: bool = False) -> int | None:
    for index, stop in enumerate(stops):
        if stop[flag] and (stop["inBanner"] or not in_banner):
            return index
    return None


def _viewport(page) -> str:
    return "phone" if page.viewport_size["width"] < 600 else "desktop"


def test_tab_from_the_top_reaches_skip_link_header_search_and_language_switcher(
    viewport_page, site_url
):
    """Order verified: skip link, then the header's search box, then the language switcher,
    all before the main content. (The home and search pages carry their own search box in
    <main> instead of the header's, so this walks /kommuner/.)"""
    page = viewport_page
    page.goto(site_url + "/kommuner/")

    def header_done(stops):
        return (
            first(stops, "isSearchBox", in_banner=True) is not None
            and first(stops, "isLanguageControl") is not None
        ) or stops[-1]["inMain"]

    stops = walk(page, header_done)
    order = f"Tab order from the top of /kommuner/:\n{describe(stops)}"
    assert stops and stops[0]["isSkipLink"], f"the first Tab stop is not the skip link.\n{order}"
    search = first(stops, "isSearchBox", in_banner=True)
    language = first(stops, "isLanguageControl")
    assert search is not None, f"Tab does not reach a search box in the header.\n{order}"
    assert language is not None, f"Tab does not reach the language switcher.\n{order}"
    assert search < language, f"the language switcher comes before the search box.\n{order}"
    in_main = first(stops, "inMain")
    assert in_main is None or language < in_main, (
        f"the header's search box and language switcher come after the main content.\n{order}"
    )
    problems = focus_problems(stops)
    assert not problems, "\n".join(problems)


def test_the_skip_link_moves_keyboard_focus_to_the_main_content(viewport_page, site_url):
    page = viewport_page
    page.goto(site_url + "/")
    page.keyboard.press("Tab")
    skip = page.evaluate(FOCUS_JS)["current"]
    assert skip is not None and skip["isSkipLink"], (
        f"the first Tab stop is not the skip link: {skip}"
    )
    assert skip["onScreen"], f"the skip link stays off screen when focused: {skip['html']}"
    screenshot(page, f"keyboard-skip-link-{_viewport(page)}")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    after = page.evaluate(FOCUS_JS)["current"]
    assert after is not None and after["inMain"], (
        f"after following the skip link, Tab goes to {after and after['html']}, not into <main>"
    )


def test_search_filters_and_results_are_reachable_by_keyboard(viewport_page, site_url):
    page = viewport_page
    page.goto(site_url + "/sok/?q=brobyggare")

    def found_both(stops):
        return first(stops, "isFacet") is not None and first(stops, "isResultLink") is not None

    stops = walk(page, found_both)
    if _viewport(page) == "phone":
        # On phones the filters wait in a dialog behind the "Filter" button: open it with Enter
        # and tab on inside it.
        page.get_by_role("button", name=re.compile(r"^Filter")).focus()
        page.keyboard.press("Enter")
        stops += walk(page, lambda stops: first(stops, "isFacet") is not None)
    order = f"Tab order on /sok/?q=brobyggare:\n{describe(stops)}"
    assert first(stops, "isFacet") is not None, f"Tab does not reach a filter checkbox.\n{order}"
    assert first(stops, "isResultLink") is not None, f"Tab does not reach a result link.\n{order}"
    problems = focus_problems(stops)
    assert not problems, "\n".join(problems)


def test_every_tab_stop_shows_visible_focus(viewport_page, site_url, public_pages):
    page = viewport_page
    problems = []
    for kind in ("home", "case", "search-query", "theme"):
        path = public_pages.path(kind)
        page.goto(site_url + path)
        stops = walk(page)
        problems += [f"{path}: {problem}" for problem in focus_problems(stops)]
    assert not problems, f"{_viewport(page)} viewport:\n" + "\n".join(problems)


def test_the_language_can_be_switched_by_keyboard(viewport_page, site_url):
    page = viewport_page
    page.goto(site_url + "/kommuner/")
    stops = walk(page, lambda stops: stops[-1]["isLanguageControl"] or stops[-1]["inMain"])
    assert stops and stops[-1]["isLanguageControl"], (
        f"Tab does not reach the language switcher:\n{describe(stops)}"
    )
    # walk() pressed Tab once more to measure the control unfocused; go back to it.
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.getAttribute('hreflang')") == "en", (
        "the language switcher's link does not lead to English"
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert re.search(r"/en/kommuner/$", page.url), f"the switcher left /kommuner/ for {page.url}"


def _style(element=None, after=None, stroke=None) -> dict:
    none = {"outlineStyle": "none", "outlineWidth": 0, "outlineColor": "rgb(0, 0, 0)"}
    none["boxShadow"] = "none"
    return {
        "element": element or none,
        "before": none,
        "after": after or none,
        "stroke": stroke,
    }


def test_focus_checks_reject_a_missing_or_unchanged_indicator():
    ring = {"outlineStyle": "solid", "outlineWidth": 3, "outlineColor": "rgb(179, 71, 0)"}
    ring["boxShadow"] = "none"
    thin = {**ring, "outlineStyle": "auto", "outlineWidth": 1}
    glow = {**ring, "outlineStyle": "none", "boxShadow": "rgb(0, 0, 0) 0px 0px 0px 3px"}
    stop = {"html": "<a>", "onScreen": True}

    def problem(focused, unfocused=None):
        return focus_problem({**stop, "focused": focused, "unfocused": unfocused})

    assert problem(_style(ring)) is None
    assert problem(_style(ring), _style()) is None
    assert problem(_style(glow), _style()) is None
    assert problem(_style(after=ring), _style()) is None
    assert problem(_style(thin), _style()).startswith("no visible focus indicator")
    assert problem(_style(ring), _style(ring)).startswith("no visible focus indicator")
    focused_tile = _style(stroke={"colour": "rgb(179, 71, 0)", "width": 3})
    plain_tile = _style(stroke={"colour": "rgb(138, 146, 158)", "width": 1})
    assert problem(focused_tile, plain_tile) is None
    assert problem(plain_tile, plain_tile).startswith("no visible focus indicator")
    off_screen = {**stop, "onScreen": False, "focused": _style(ring)}
    assert focus_problem(off_screen).startswith("focused element is not on screen")
