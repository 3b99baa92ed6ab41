"""A real browser (Debian's Chromium, driven by Playwright) against a real server process.

The server runs `manage.py runserver` on its own SQLite database with the demo loaded, so browser
tests never share (or flush) the suite's test database. Without Chromium the tests are skipped
with a message, except in CI (CI=true), where that is a failure. Screenshots go to artifacts/.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.browser.pages import PublicPages
from tests.servers import ROOT, dev_server, manage_ok

ARTIFACTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"Browser tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(f"{reason}; install it with `apt-get install chromium` to run browser tests")


@pytest.fixture(scope="session")
def site_env(tmp_path_factory):
    """The environment of the browser tests' site: its own SQLite database with the demo."""
    directory = tmp_path_factory.mktemp("browser-site")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{directory / 'site.sqlite3'}",
        "MEDIA_ROOT": str(directory / "media"),
        "STATIC_ROOT": str(directory / "static"),
        "SECRET_KEY": "browser-tests-only",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "SEARCH_ENGINE_URL": "",
        # Downloads of more than 10 cases become background exports, so the demo reaches the
        # export job page (tests/browser/pages.py).
        "EXPORT_BACKGROUND_THRESHOLD": "10",
        "EXPORT_ROOT": str(directory / "exports"),
    }
    manage_ok(env, "migrate", "--no-input")
    manage_ok(env, "first_run")
    return env


@pytest.fixture(scope="session")
def site_url(site_env):
    with dev_server(site_env) as url:
        yield url


@pytest.fixture(scope="session")
def production_site_url(site_env):
    """The same site and database with DEBUG off, for what only looks right then: with DEBUG on,
    Django answers a missing page with its technical 404 page instead of the site's 404.html.
    Static files come from collectstatic through WhiteNoise, as in production; media files are
    not served (Django serves them only with DEBUG on)."""
    env = {**site_env, "DEBUG": "false"}
    manage_ok(env, "collectstatic", "--no-input")
    with dev_server(env) as url:
        yield url


@pytest.fixture(scope="session")
def public_pages(site_url):
    """One path per public page type, found by following the site's links."""
    return PublicPages(site_url)


# Module scope: while Playwright's sync API is open it keeps an event loop running in this thread,
# and Django refuses database calls from there (SynchronousOnlyOperation). Closing it after each
# module keeps that from reaching the tests that run after the browser suite.
@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        _unavailable(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


VIEWPORTS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="sv-SE")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(
        viewport=VIEWPORTS["desktop"], locale="sv-SE", java_script_enabled=False
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def open_page(browser):
    """Factory: open_page(viewport) gives a fresh page in its own context.

    `viewport` is a key of VIEWPORTS. The interface language is the address's (English under
    /en/, core/language_urls.py), so a test opens the English address itself.
    """
    contexts = []

    def open_(viewport: str):
        context = browser.new_context(viewport=VIEWPORTS[viewport], locale="sv-SE")
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(params=list(VIEWPORTS))
def viewport_page(request, open_page):
    """A page in each viewport (phone and desktop) in turn."""
    return open_page(request.param)


WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_21_AA_TAGS},
    # Experimental in axe, so off unless asked for: a link's or control's accessible name must
    # contain its visible text (WCAG 2.5.3 label in name).
    "rules": {"label-content-name-mismatch": {"enabled": True}},
    "resultTypes": ["violations", "incomplete"],
}


def axe_results(page) -> dict:
    """axe-core's WCAG 2.1 A and AA results on the page as it is now: "violations" and
    "incomplete" (what axe could not decide and leaves to a person to review).

    axe-core itself ships inside axe-playwright-python (axe.min.js) and is injected from there;
    nothing is fetched. Only rules tagged with the WCAG 2.1 A/AA tags run (and label in name), so
    axe's "best-practice" rules (such as landmark and heading-order advice) are not part of the
    verdict.
    """
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, options=AXE_OPTIONS).response


def axe_violations(page) -> list[dict]:
    return axe_results(page)["violations"]


def contrast_to_review(results: dict) -> list[dict]:
    """The color-contrast checks axe could not decide ("needs review"): text over a gradient, an
    image or overlapping shapes. Text on solid colours leaves none."""
    return [item for item in results["incomplete"] if item["id"] == "color-contrast"]


def format_violations(violations: list[dict]) -> str:
    """One block per rule: id, impact, help text and link, then each failing node's target
    (CSS selector) and HTML, so a failure says what to fix and where."""
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']}"
            f" <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            target = " >> ".join(
                " ".join(part) if isinstance(part, list) else part for part in node["target"]
            )
            lines.append(f"    at {target}: {_shorten(node['html'])}")
            summary = node.get("failureSummary")
            if summary:
                detail = " ".join(summary.split())
                lines.append(f"       {_shorten(detail, 300)}")
    return "\n".join(lines)


def _shorten(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
