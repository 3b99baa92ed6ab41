"""The editor's whole path in Chromium, as a new municipality editor and a moderator walk it
(issue #22): the invitation e-mail's link, choosing a password, the dashboard, a new case with
every section, a mistake the form explains in Swedish without losing what was typed, review with a
comment, the fix, approval, and the case on the public site and in search.

Every click goes through `Clicks`, which counts it per step. The counts are a property of the
interface, not of speed, so the budgets from the issue are asserted: at most 2 clicks from the
dashboard to an empty case form, at most 45 for the whole case. Wall time is only measured. With
EDITOR_PATH_REPORT=<file> the counts and times are written there as JSON (bench/editor_path.py).
"""

from __future__ import annotations

import json
import os
import re
import time
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.servers import manage_ok

LAPTOP = {"width": 1366, "height": 768}
EDITOR_EMAIL = "ny.redaktor@filipstad.example"
EDITOR_PASSWORD = "ett-eget-långt-lösenord-2026"
MODERATOR = "moderator-hela-vagen"
MODERATOR_PASSWORD = "moderatorns-långa-lösenord-2026"
TITLE = "Språkcafé för nyanlända föräldrar"
SLUG = "sprakcafe-for-nyanlanda-foraldrar"
SUMMARY = "Föräldrar som nyss kommit till Filipstad träffades varje vecka för att öva svenska."
FIXED_SUMMARY = SUMMARY + " 46 föräldrar deltog under 2024."
COMMENT = "Skriv hur många föräldrar som deltog under 2024 i sammanfattningen."
SECTIONS = [
    "Föräldrarna bad om ett ställe att öva svenska utan krav.",
    "Biblioteket och SFI höll caféet varje tisdag kväll.",
    "Fler föräldrar gick vidare till SFI och till föreningar.",
    "Det var svårt att nå pappor; kvällstiden passade inte alla.",
    "En fast tid och samma värdar var viktigast; lätt att göra i en liten kommun.",
    "Barnpassning under caféet behövs från start.",
    "Biblioteket driver caféet vidare med egen budget.",
]
INDICATOR = "Föräldrar som deltog minst fem gånger"
FOCUS_AREA_ERROR = "Välj minst ett fokusområde."

MODERATOR_SETUP = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
user, _ = get_user_model().objects.get_or_create(username={MODERATOR!r})
user.set_password({MODERATOR_PASSWORD!r})
user.save()
user.groups.add(Group.objects.get(name="Moderatorer"))
"""


@dataclass
class Clicks:
    """Every click of the walk, counted per step, with the wall time of each step."""

    step: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    _started: float = 0.0

    def start(self, step: str) -> None:
        self._finish()
        self.step, self._started = step, time.monotonic()
        self.counts.setdefault(step, 0)

    def _finish(self) -> None:
        if self.step:
            elapsed = time.monotonic() - self._started
            self.seconds[self.step] = self.seconds.get(self.step, 0.0) + elapsed

    def click(self, locator) -> None:
        locator.click()
        self.counts[self.step] += 1

    def check(self, locator) -> None:
        locator.check()
        self.counts[self.step] += 1

    def select(self, locator, label: str) -> None:
        """A native select: one click opens it, one picks the option."""
        locator.select_option(label=label)
        self.counts[self.step] += 2

    def close(self) -> dict:
        self._finish()
        self.step = ""
        return {
            "clicks": dict(self.counts),
            "seconds": {k: round(v, 1) for k, v in self.seconds.items()},
        }


def _context(browser):
    return browser.new_context(viewport=LAPTOP, locale="sv-SE")


def _open_tab(clicks, page, name: str) -> None:
    """One counted click on a tab of the edit form, then wait until its panel shows. On a loaded
    machine a click can land while the form is still being set up (autosave, tab script) and be
    lost; a person would click again, and so does this, uncounted."""
    tab = page.get_by_role("tab", name=name, exact=True)
    clicks.click(tab)
    panel = page.locator(tab.get_attribute("href"))
    try:
        expect(panel).to_be_visible(timeout=5_000)
    except AssertionError:
        tab.click()
        expect(panel).to_be_visible()


def _type_into_rich_text(page, editor, text: str) -> None:
    """Moving into a field to type is part of typing (a click or Tab), not a counted click."""
    editor.click()
    page.keyboard.type(text)


def _invitation_path(output: str) -> str:
    found = re.search(r"https?://\S+?(/inbjudan/\S+)", output)
    assert found, f"no invitation link in the e-mail:\n{output}"
    return found.group(1)


@pytest.fixture(scope="module")
def moderator(site_env):
    manage_ok(site_env, "shell", "-c", MODERATOR_SETUP)
    return MODERATOR


def _moderator_opens_the_case(page, clicks, site_url):
    queue = page.locator("#kb-review-queue-content")
    row = queue.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_be_visible()
    assert "Filipstad" in row.inner_text()
    clicks.click(row.get_by_role("link", name=TITLE))
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))


def _moderator_logs_in(browser, site_url, clicks):
    context = _context(browser)
    page = context.new_page()
    page.goto(site_url + "/admin/login/")
    page.fill("#id_username", MODERATOR)
    page.fill("#id_password", MODERATOR_PASSWORD)
    clicks.click(page.locator("button[type=submit]"))
    page.wait_for_url(site_url + "/admin/")
    return context, page


def test_the_editors_whole_path_from_invitation_to_search(browser, site_url, site_env, moderator):
    clicks = Clicks()
    editor_context = _context(browser)
    page = editor_context.new_page()
    moderator_context = None
    try:
        # The invitation: the e-mail (console backend: the command's output) holds the link.
        clicks.start("invitation and password")
        mail = manage_ok(site_env, "invite_user", EDITOR_EMAIL, "--municipality", "1782")
        assert "Subject: Inbjudan till Kunskapsbanken" in mail
        page.goto(site_url + _invitation_path(mail))  # following the link in the e-mail
        clicks.counts[clicks.step] += 1
        expect(page.get_by_role("heading", name=re.compile("Välkommen"))).to_be_visible()
        screenshot(page, "editor-path-invitation")
        page.fill("input[name=new_password1]", EDITOR_PASSWORD)
        page.fill("input[name=new_password2]", EDITOR_PASSWORD)
        clicks.click(page.locator("form button[type=submit]").last)
        page.wait_for_url(site_url + "/admin/")
        expect(page.locator(".messages")).to_contain_text("Välkommen till Kunskapsbanken")
        expect(page.get_by_role("heading", name="Du skriver för Filipstad")).to_be_visible()
        screenshot(page, "editor-path-first-dashboard")

        clicks.start("dashboard to empty form")
        clicks.click(page.get_by_role("link", name="Skriv en ny insats"))
        page.wait_for_url(re.compile(r"/admin/pages/add/cases/casestudypage/\d+/$"))
        expect(page.locator("#id_title")).to_have_value("")
        assert clicks.counts["dashboard to empty form"] <= 2

        # The whole case, except the focus area the editor forgets.
        clicks.start("new case")
        page.fill("#id_title", TITLE)
        page.fill("#id_summary", SUMMARY)
        editors = page.locator("[data-contentpath=body] [contenteditable=true]")
        expect(editors).to_have_count(len(SECTIONS))
        for index, text in enumerate(SECTIONS):
            _type_into_rich_text(page, editors.nth(index), text)

        _open_tab(clicks, page, "Fakta")
        keywords = page.locator(".tagit-new input").first
        keywords.fill("språk")
        keywords.press("Enter")
        clicks.check(page.locator("input[name=target_groups]").first)
        clicks.select(page.locator("#id_status"), "Avslutad")
        page.fill("#id_start_date", "2024-01-09")
        page.fill("#id_end_date", "2024-12-17")
        page.fill("#id_grant_amount", "120000")
        page.fill("#id_total_budget", "150000")

        _open_tab(clicks, page, "Resultat")
        clicks.click(page.locator("#id_indicators-ADD"))
        page.fill("#id_indicators-0-name", INDICATOR)
        page.fill("#id_indicators-0-unit", "personer")
        page.fill("#id_indicators-0-year", "2024")
        page.fill("#id_indicators-0-baseline", "0")
        page.fill("#id_indicators-0-target", "30")
        page.fill("#id_indicators-0-outcome", "46")
        clicks.select(page.locator("#id_evidence_level"), "Lovande")
        page.fill("#id_evaluation_description", "Biblioteket räknade deltagarna varje vecka.")

        _open_tab(clicks, page, "Kontakt och bilagor")
        page.fill("#id_contact_name", "Sara Lind")
        page.fill("#id_contact_role", "Bibliotekarie")
        page.fill("#id_contact_email", "sara.lind@filipstad.example")

        submit = page.locator("footer").last.get_by_role("button", name="Skicka till granskning")
        clicks.click(submit.first)
        page.wait_for_load_state()

        # The mistake: a Swedish message beside the focus areas, nothing typed lost.
        themes = page.locator("[data-contentpath=themes]")
        expect(themes).to_contain_text(FOCUS_AREA_ERROR)
        expect(page.locator("#id_title")).to_have_value(TITLE)
        expect(page.locator("#id_summary")).to_have_value(SUMMARY)
        body_text = page.locator("[data-contentpath=body]").inner_text()
        assert all(text in body_text for text in SECTIONS)
        expect(page.locator("#id_start_date")).to_have_value("2024-01-09")
        expect(page.locator("#id_contact_email")).to_have_value("sara.lind@filipstad.example")
        expect(page.locator("#id_indicators-0-name")).to_have_value(INDICATOR)
        expect(page.locator("#id_evidence_level")).to_have_value("promising")
        assert page.locator("input[name=target_groups]").first.is_checked()

        expect(
            page.get_by_text("Sidan kunde inte skapas på grund av valideringsfel.")
        ).to_be_visible()
        clicks.click(page.get_by_role("button", name="Gå till första felet"))
        expect(themes.get_by_text(FOCUS_AREA_ERROR)).to_be_visible()
        first_focus_area = themes.locator("input[name=themes]").first
        expect(first_focus_area).to_be_visible()
        screenshot(page, "editor-path-focus-area-missing")
        clicks.check(first_focus_area)
        clicks.click(submit.first)
        page.wait_for_url(lambda url: "/add/" not in url)
        clicks.start("moderator requests changes")
        moderator_context, moderator_page = _moderator_logs_in(browser, site_url, clicks)
        _moderator_opens_the_case(moderator_page, clicks, site_url)
        case_edit_url = moderator_page.url
        clicks.click(moderator_page.locator("footer [data-w-dropdown-target='toggle']").last)
        clicks.click(moderator_page.get_by_role("button", name="Begär ändringar"))
        moderator_page.locator("textarea[name=comment]").fill(COMMENT)
        clicks.click(
            moderator_page.locator(".modal-content, [role=dialog]").get_by_role(
                "button", name="Begär ändringar"
            )
        )
        moderator_page.wait_for_url(lambda url: "/edit/" not in url)
        expect(moderator_page.locator(".messages")).to_contain_text("Ändringar begärda")

        # The editor comes back to the dashboard (the address is where login leads).
        clicks.start("editor fixes and resubmits")
        page.goto(site_url + "/admin/")
        changes = page.locator("#kb-changes-requested-content")
        expect(changes).to_contain_text(TITLE)
        expect(changes).to_contain_text(COMMENT)
        clicks.click(changes.get_by_role("link", name=TITLE))
        page.wait_for_url(case_edit_url)
        expect(page.locator(".messages")).to_contain_text(COMMENT)
        screenshot(page, "editor-path-comment-on-edit-page")
        page.fill("#id_summary", FIXED_SUMMARY)
        clicks.click(
            page.locator("footer")
            .last.get_by_role("button", name="Skicka till granskning igen")
            .first
        )
        page.wait_for_url(lambda url: "/edit/" not in url)

        clicks.start("moderator approves")
        moderator_page.goto(site_url + "/admin/")
        _moderator_opens_the_case(moderator_page, clicks, site_url)
        expect(moderator_page.locator("#id_summary")).to_have_value(FIXED_SUMMARY)
        clicks.click(moderator_page.locator("footer [data-w-dropdown-target='toggle']").last)
        clicks.click(moderator_page.get_by_role("button", name=re.compile("^Godkänn")).first)
        moderator_page.wait_for_url(lambda url: "/edit/" not in url)
        expect(moderator_page.locator(".messages")).to_contain_text("Godkänd och publicerad")
        screenshot(moderator_page, "editor-path-approved")

        clicks.start("public page and search")
        public = editor_context.new_page()
        public.goto(f"{site_url}/kommuner/filipstad/{SLUG}/")
        expect(public.get_by_role("heading", level=1)).to_have_text(TITLE)
        expect(public.locator("main")).to_contain_text(FIXED_SUMMARY)
        for text in SECTIONS:
            expect(public.locator("main")).to_contain_text(text)
        expect(public.locator("main")).to_contain_text(INDICATOR)
        expect(public.locator("main")).to_contain_text("Sara Lind")
        public.goto(site_url + "/sok/?q=spr%C3%A5kcaf%C3%A9")
        hit = public.get_by_role("link", name=TITLE)
        expect(hit.first).to_be_visible()
        screenshot(public, "editor-path-search-hit")
    finally:
        report = clicks.close()
        if moderator_context is not None:
            moderator_context.close()
        editor_context.close()

    case_clicks = report["clicks"]["dashboard to empty form"] + report["clicks"]["new case"]
    assert case_clicks <= 45, report
    target = os.environ.get("EDITOR_PATH_REPORT")
    if target:
        with open(target, "w", encoding="utf-8") as out:
            json.dump(report, out, ensure_ascii=False, indent=2)
