"""The editor's path in a real browser: the dashboard names the municipality and starts a case in
one click; a moderator requests changes with a comment, and the editor finds it on the dashboard
and on the edit page. No request leaves the machine (no Gravatar, no wagtail.org)."""

from __future__ import annotations

import json
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import screenshot
from tests.servers import manage_ok

PASSWORD = "ett-långt-lösenord-för-webbläsartest"
EDITOR = "redaktor-filipstad-browser"
MODERATOR = "moderator-browser"
CASE_TITLE = "Läxhjälp i webbläsartestet"
COMMENT = "Beskriv hur många elever som deltog under 2024."

SETUP = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from cases.models import CaseStudyPage, MunicipalityPage
from tests.factories import make_case
User = get_user_model()
def member(name, group):
    user = User.objects.filter(username=name).first()
    if user is None:
        user = User.objects.create_user(name, name + "@kommun.example", {password!r})
    user.groups.add(Group.objects.get(name=group))
    return user
editor = member({editor!r}, "Kommunredaktör – Filipstad (1782)")
member({moderator!r}, "Moderatorer")
filipstad = MunicipalityPage.objects.get(municipality__code="1782")
case = CaseStudyPage.objects.filter(title={title!r}).first()
if case is None:
    case = make_case(filipstad, publish=False, title={title!r})
    case.get_workflow().start(case, editor)
print(__import__("json").dumps({{"municipality": filipstad.pk, "case": case.pk}}))
"""


@pytest.fixture(scope="module")
def ids(site_env):
    script = SETUP.format(password=PASSWORD, editor=EDITOR, moderator=MODERATOR, title=CASE_TITLE)
    return json.loads(manage_ok(site_env, "shell", "-c", script).strip().splitlines()[-1])


def _log_in(browser, site_url, username):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="sv-SE")
    page = context.new_page()
    outside = []
    page.on(
        "request",
        lambda request: (
            urlparse(request.url).hostname not in ("127.0.0.1", None)
            and request.url.startswith("http")
            and outside.append(request.url)
        ),
    )
    page.goto(site_url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(site_url + "/admin/")
    return context, page, outside


def test_editor_starts_a_new_case_from_the_dashboard_in_one_click(browser, site_url, ids):
    context, page, outside = _log_in(browser, site_url, EDITOR)
    try:
        assert page.get_by_role("heading", name="Du skriver för Filipstad").is_visible()
        start = page.get_by_role("link", name="Skriv en ny insats")
        assert start.is_visible()
        assert page.title().endswith("Kunskapsbanken")
        screenshot(page, "editor-dashboard")
        start.click()
        page.wait_for_url(f"{site_url}/admin/pages/add/cases/casestudypage/{ids['municipality']}/")
        assert page.locator("#id_title").is_visible()
        assert page.locator("#id_title").input_value() == ""
        # The form's main button sends the case for review.
        footer = page.locator("footer").last
        assert footer.get_by_role("button", name="Skicka till granskning").first.is_visible()
        assert not outside, f"requests left the machine: {outside}"
    finally:
        context.close()


def test_moderator_requests_changes_and_the_editor_sees_the_comment(browser, site_url, ids):
    context, page, outside = _log_in(browser, site_url, MODERATOR)
    try:
        queue = page.locator("#kb-review-queue-content")
        row = queue.get_by_role("row").filter(has_text=CASE_TITLE)
        assert row.is_visible()
        assert "Filipstad" in row.inner_text()
        assert EDITOR in row.inner_text()
        row.get_by_role("link", name=CASE_TITLE).click()
        page.wait_for_url(f"{site_url}/admin/pages/{ids['case']}/edit/")
        page.locator("footer [data-w-dropdown-target='toggle']").last.click()
        page.get_by_role("button", name="Begär ändringar").click()
        page.locator("textarea[name=comment]").fill(COMMENT)
        screenshot(page, "moderator-request-changes")
        page.locator(".modal-content, [role=dialog]").get_by_role(
            "button", name="Begär ändringar"
        ).click()
        page.wait_for_url(lambda url: "/edit/" not in url)
        assert "Ändringar begärda" in page.locator(".messages").inner_text()
        assert not outside, f"requests left the machine: {outside}"
    finally:
        context.close()

    context, page, outside = _log_in(browser, site_url, EDITOR)
    try:
        changes = page.locator("#kb-changes-requested-content")
        assert CASE_TITLE in changes.inner_text()
        assert COMMENT in changes.inner_text()
        screenshot(page, "editor-dashboard-changes-requested")
        changes.get_by_role("link", name=CASE_TITLE).click()
        page.wait_for_url(f"{site_url}/admin/pages/{ids['case']}/edit/")
        assert COMMENT in page.locator(".messages").inner_text()
        footer = page.locator("footer").last
        assert footer.get_by_role("button", name="Skicka till granskning igen").first.is_visible()
        assert not outside, f"requests left the machine: {outside}"
    finally:
        context.close()
