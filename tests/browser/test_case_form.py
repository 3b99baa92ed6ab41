"""The case form in Chromium, as a municipality editor meets it: on a laptop (1366×768) the new
case form has the seven sections with prompts, focus areas as checkboxes, an ASCII address and
keywords without quotes; on a phone (390×844) a typo in a summary is fixed and submitted for
review with the actions on screen."""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import screenshot
from tests.servers import manage_ok

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
USERNAME = "redaktor-formtest"
PASSWORD = "ett-långt-lösenord-för-formtest"

SETUP = f"""
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from cases.models import CaseStudyPage, MunicipalityPage
from tests.factories import make_case

user, _ = get_user_model().objects.get_or_create(username={USERNAME!r})
user.set_password({PASSWORD!r})
user.save()
user.groups.add(Group.objects.get(name="Kommunredaktör – Filipstad (1782)"))
parent = MunicipalityPage.objects.get(municipality__code="1782")
case = CaseStudyPage.objects.child_of(parent).filter(slug="mobiltest-stavfel").first()
if case is None:
    case = make_case(
        parent,
        slug="mobiltest-stavfel",
        title="Mobiltest för stavfel",
        summary="Insatsen hjälpte unga att hita sommarjobb.",
    )
print(json.dumps({{"parent": parent.pk, "case": case.pk}}))
"""

CHECK_SUBMITTED = """
import json
from cases.models import CaseStudyPage
case = CaseStudyPage.objects.get(slug="mobiltest-stavfel")
state = case.current_workflow_state
print(json.dumps({
    "draft_summary": case.latest_revision.as_object().summary,
    "live_summary": case.summary,
    "in_review": bool(state and state.status == "in_progress"),
}))
"""

SECTION_LABELS = [
    "Bakgrund",
    "Genomförande",
    "Resultat",
    "Utmaningar och det som inte fungerade",
    "Framgångsfaktorer och överförbarhet",
    "Lärdomar",
    "Så lever arbetet vidare",
]


@pytest.fixture(scope="module")
def ids(site_env):
    return json.loads(manage_ok(site_env, "shell", "-c", SETUP).strip().splitlines()[-1])


def _editor_page(browser, viewport):
    context = browser.new_context(viewport=viewport, locale="sv-SE")
    return context, context.new_page()


def _log_in(page, site_url):
    page.goto(site_url + "/admin/login/")
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/admin/login/" not in url)


def _in_viewport(box, viewport) -> bool:
    return (
        box is not None
        and box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= viewport["width"] + 0.5
        and box["y"] + box["height"] <= viewport["height"] + 0.5
    )


def test_a_new_case_form_guides_the_editor(browser, site_url, ids):
    context, page = _editor_page(browser, LAPTOP)
    try:
        _log_in(page, site_url)
        page.goto(f"{site_url}/admin/pages/add/cases/casestudypage/{ids['parent']}/")
        body = page.locator("[data-contentpath=body]").first
        for label in SECTION_LABELS:
            assert body.get_by_text(label, exact=True).first.is_visible(), label
        headings = body.locator("[data-panel-heading-text], .c-sf-block__type").all_inner_texts()
        assert [text for text in headings if text in SECTION_LABELS] == SECTION_LABELS
        assert body.get_by_text("Varför insatsen startades: behovet och utgångsläget.").is_visible()
        screenshot(page, "case-form-laptop-sections")

        page.fill("#id_title", "Läxhjälp på Åsens skola")
        page.get_by_role("tab", name="Fakta").click()
        focus_areas = page.locator("input[type=checkbox][name=themes]")
        assert focus_areas.count() >= 4
        assert focus_areas.first.is_visible()
        assert page.get_by_text(
            "Välj 1–3: de fokusområden som betyder mest för insatsen."
        ).is_visible()
        assert page.get_by_text("Krävs om statusen inte är Planerad.").is_visible()

        keywords = page.locator(".tagit-new input").first
        keywords.fill("unga vuxna")
        keywords.press("Enter")
        assert page.locator(".tagit-label").all_inner_texts() == ["unga vuxna"]
        screenshot(page, "case-form-laptop-facts")

        page.get_by_role("tab", name="Marknadsför").click()
        assert page.locator("#id_slug").input_value() == "laxhjalp-pa-asens-skola"
    finally:
        context.close()


def test_on_a_phone_a_typo_is_fixed_and_submitted_with_the_actions_in_reach(
    browser, site_url, site_env, ids
):
    context, page = _editor_page(browser, PHONE)
    try:
        _log_in(page, site_url)
        page.goto(f"{site_url}/admin/pages/{ids['case']}/edit/")

        tabs = page.get_by_role("tab")
        rows: dict[int, list[float]] = {}
        for index in range(tabs.count()):
            box = tabs.nth(index).bounding_box()
            assert box["x"] + box["width"] <= PHONE["width"], tabs.nth(index).inner_text()
            rows.setdefault(round(box["y"]), []).append(box["x"])
        assert len({min(starts) for starts in rows.values()}) == 1, "wrapped tabs do not line up"
        title_box = page.locator("#id_title").bounding_box()
        assert title_box["x"] >= 0 and title_box["x"] + title_box["width"] <= PHONE["width"]

        summary = page.locator("#id_summary")
        summary.fill(summary.input_value().replace("hita", "hitta"))
        submit = page.get_by_role("button", name="Skicka till granskning")
        assert _in_viewport(submit.bounding_box(), PHONE)
        screenshot(page, "case-form-phone-typo")
        page.mouse.wheel(0, 3000)
        assert _in_viewport(submit.bounding_box(), PHONE)

        submit.click()
        page.wait_for_url(lambda url: "/edit/" not in url or "messages" in url, timeout=30_000)
        state = json.loads(
            manage_ok(site_env, "shell", "-c", CHECK_SUBMITTED).strip().splitlines()[-1]
        )
        assert state["draft_summary"] == "Insatsen hjälpte unga att hitta sommarjobb."
        assert state["in_review"]
        assert state["live_summary"] == "Insatsen hjälpte unga att hita sommarjobb."
    finally:
        context.close()
