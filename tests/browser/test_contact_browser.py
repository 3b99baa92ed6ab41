"""Contacting a case's team in a real browser: from the case page's link to the form, a mistake
that keeps the text, then the confirmation. The server gets a one-second minimum fill-in time
(CONTACT_FORM_MIN_SECONDS), so the test waits a moment instead of the production default."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, format_violations, screenshot
from tests.servers import dev_server

CASE_PATH = "/kommuner/filipstad/brobyggare-i-skolan/"
OWNER = "brobyggare@filipstad.example"
MESSAGE = "Hej! Hur hittade ni brobyggarna? Vi funderar på samma sak i Gävle."


@pytest.fixture(scope="module")
def contact_site_url(site_env):
    with dev_server({**site_env, "CONTACT_FORM_MIN_SECONDS": "1"}) as url:
        yield url


def test_a_reader_writes_to_the_case_team_and_a_mistake_keeps_the_text(page, contact_site_url):
    page.goto(contact_site_url + CASE_PATH)
    assert OWNER not in page.content()
    page.get_by_role("link", name="Kontakta ansvariga för insatsen").click()
    page.wait_for_url(re.compile(r"/insats/\d+/kontakta/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kontakta ansvariga för insatsen")
    assert OWNER not in page.content()
    # The honeypot: off the screen and outside the accessibility tree.
    expect(page.locator("#id_website")).not_to_be_in_viewport()
    expect(page.get_by_role("textbox", name="Lämna detta fält tomt")).to_have_count(0)
    assert axe_violations(page) == [], format_violations(axe_violations(page))

    page.get_by_label("Ditt namn").fill("Per Holm")
    page.get_by_label("Din e-postadress").fill("per.holm@")  # a mistake
    page.get_by_label("Organisation (frivilligt)").fill("Gävle kommun")
    page.get_by_label("Ditt meddelande").fill(MESSAGE)
    page.get_by_label(re.compile("Jag godkänner")).check()
    page.wait_for_timeout(1100)  # past the one-second minimum fill-in time
    page.get_by_role("button", name="Skicka meddelandet").click()

    expect(page.get_by_role("alert")).to_contain_text("Kontrollera de markerade fälten")
    expect(page.get_by_text("Skriv en hel e-postadress")).to_be_visible()
    expect(page.get_by_label("Ditt meddelande")).to_have_value(MESSAGE)
    expect(page.get_by_label("Ditt namn")).to_have_value("Per Holm")
    expect(page.get_by_label("Din e-postadress")).to_have_attribute("aria-invalid", "true")
    screenshot(page, "contact-form-error")

    page.get_by_label("Din e-postadress").fill("per.holm@kommun.example")
    page.get_by_label(re.compile("Jag godkänner")).check()
    page.get_by_role("button", name="Skicka meddelandet").click()
    page.wait_for_url(re.compile(r"/insats/\d+/kontakta/skickat/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ditt meddelande är skickat")
    expect(page.get_by_text("svarar direkt till din e-postadress")).to_be_visible()
    assert OWNER not in page.content()
    screenshot(page, "contact-form-sent")
