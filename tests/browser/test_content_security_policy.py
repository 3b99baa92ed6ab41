"""Every public page type and the main admin views, in Chromium, under the real policy headers.

A page fails when the browser refuses anything because of the Content-Security-Policy: a
`securitypolicyviolation` event in the page (recorded from before the first script runs) or a
console message about the policy. The public pages must also carry the strict policy (no
'unsafe-inline') and a Permissions-Policy.
"""

from __future__ import annotations

import pytest

from tests.browser.pages import PAGE_TYPES
from tests.servers import manage_ok

ADMIN_PASSWORD = "Tranbär på fyra trötta cyklar i dimman"

# Registered before any script of the page runs, so nothing refused during loading is missed.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push(
        `${event.effectiveDirective} refused ${event.blockedURI || 'inline'}`
        + ` at ${event.sourceFile || event.documentURI}:${event.lineNumber}`
        + (event.sample ? ` (${event.sample})` : ''));
}, true);
"""

ADMIN_VIEWS = {
    "dashboard": "/admin/",
    "page-explorer": "/admin/pages/",
    "municipality-explorer": "/admin/pages/{municipality}/",
    "edit-case": "/admin/pages/{case}/edit/",
    "images": "/admin/images/",
    "documents": "/admin/documents/",
    "review-report": "/admin/reports/granskning/",
    "follow-up-report": "/admin/reports/uppfoljning/",
    "import": "/admin/import/",
    "search-statistics": "/admin/reports/sokstatistik/",
}


def watch(page) -> list[str]:
    """Policy complaints the page makes from now on, as readable lines."""
    complaints: list[str] = []
    page.add_init_script(RECORD_VIOLATIONS)

    def on_console(message):
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            complaints.append(f"console: {text}")

    page.on("console", on_console)
    return complaints


def open_and_collect(page, url: str) -> tuple[object, list[str]]:
    complaints = watch(page)
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.status < 400, f"{url} answered {response.status}"
    complaints += page.evaluate("() => window.__cspViolations || []")
    return response, complaints


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_public_page_type_breaks_no_policy(kind, page, public_pages, site_url):
    url = site_url + public_pages.path(kind)
    complaints = watch(page)
    response = page.goto(url, wait_until="networkidle")
    complaints += page.evaluate("() => window.__cspViolations || []")
    assert not complaints, f"{url}:\n" + "\n".join(complaints)
    if kind == "not-found":
        return  # with DEBUG on (the test site), Django's technical 404 page has no policy
    headers = response.all_headers()
    policy = headers.get("content-security-policy", "")
    assert "default-src 'self'" in policy
    assert "'unsafe-inline'" not in policy, policy
    assert "camera=()" in headers.get("permissions-policy", "")


@pytest.fixture(scope="module")
def admin_ids(site_env) -> dict:
    """A superuser to log in with, and the ids of a municipality page and one of its cases."""
    script = (
        "from django.contrib.auth import get_user_model; "
        "from cases.models import CaseStudyPage; "
        "User = get_user_model(); "
        "user = User.objects.filter(username='csp-admin').first() "
        "or User.objects.create_superuser('csp-admin', 'csp@example.org', 'x'); "
        f"user.set_password({ADMIN_PASSWORD!r}); user.save(); "
        "case = CaseStudyPage.objects.live().first(); "
        "print(case.get_parent().id, case.id)"
    )
    municipality, case = manage_ok(site_env, "shell", "-c", script).split()[-2:]
    return {"municipality": municipality, "case": case}


@pytest.fixture(scope="module")
def admin_page(browser, site_url, admin_ids):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page = context.new_page()
    page.goto(site_url + "/admin/login/")
    page.fill("input[name=username]", "csp-admin")
    page.fill("input[name=password]", ADMIN_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(site_url + "/admin/")
    yield page
    context.close()


@pytest.mark.parametrize("view", list(ADMIN_VIEWS))
def test_admin_view_breaks_no_policy(view, admin_page, admin_ids, site_url):
    url = site_url + ADMIN_VIEWS[view].format(**admin_ids)
    response, complaints = open_and_collect(admin_page, url)
    assert not complaints, f"{url}:\n" + "\n".join(complaints)
    policy = response.all_headers().get("content-security-policy", "")
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "script-src-attr 'none'" in policy  # inline event handlers stay refused


def test_a_case_seen_by_a_logged_in_editor_breaks_no_policy(admin_page, public_pages, site_url):
    """The public policy also holds for Wagtail's user bar, shown to logged-in users."""
    url = site_url + public_pages.path("case")
    _response, complaints = open_and_collect(admin_page, url)
    assert admin_page.locator("wagtail-userbar").count() == 1
    assert not complaints, f"{url}:\n" + "\n".join(complaints)


def test_an_injected_inline_script_is_refused_and_reported(page, site_url):
    """What the checks above rely on: the public policy stops an inline script (as injected
    markup would bring) and the watcher sees it."""
    complaints = watch(page)
    page.goto(site_url + "/", wait_until="networkidle")
    page.evaluate(
        """() => {
            const script = document.createElement('script');
            script.textContent = 'window.__injected = true;';
            document.body.append(script);
        }"""
    )
    page.wait_for_function("() => window.__cspViolations.length > 0")
    assert page.evaluate("() => window.__injected") is None
    complaints += page.evaluate("() => window.__cspViolations")
    assert any("script-src" in complaint for complaint in complaints), complaints
