"""Workflow e-mails through a real SMTP server (aiosmtpd): Swedish subjects in the review's own
words, the moderator's comment, absolute links on SITE_URL, and both a text and an HTML part."""

from __future__ import annotations

from http import HTTPStatus

import pytest

from cases.models import CaseStudyPage
from tests.smtp import SITE, parts, serve_smtp, subject
from tests.workflow import submit_new_case, workflow_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp_inbox(settings):
    yield from serve_smtp(settings)


@pytest.fixture
def submitted_case(client, filipstad, filipstad_editor, moderator, smtp_inbox):
    return submit_new_case(client, filipstad, filipstad_editor, "Simskola för nyanlända")


def test_moderators_are_told_a_case_waits_for_them(submitted_case, moderator, smtp_inbox):
    [message] = smtp_inbox.to(moderator.email)
    assert subject(message) == "Väntar på granskning: ”Simskola för nyanlända”"
    text, html = parts(message)
    edit_url = f"{SITE}/admin/pages/{submitted_case.pk}/edit/"
    assert "har skickat ”Simskola för nyanlända” (Filipstad) till granskning" in text
    assert edit_url in text
    assert f'href="{edit_url}"' in html


def test_changes_requested_carries_the_comment_and_a_link_to_the_form(
    client, submitted_case, moderator, filipstad_editor, smtp_inbox
):
    client.force_login(moderator)
    comment = "Lägg till resultat för 2024 & hur många som deltog."
    assert (
        workflow_action(client, submitted_case, "reject", comment=comment).status_code
        == HTTPStatus.FOUND
    )
    [message] = smtp_inbox.to(filipstad_editor.email)
    assert subject(message) == "Ändringar begärda: ”Simskola för nyanlända”"
    text, html = parts(message)
    assert "begär ändringar innan den kan publiceras" in text
    assert "avvisad" not in text + html + subject(message)
    assert comment in text  # plain text: the comment as typed, not HTML-escaped
    assert "Lägg till resultat för 2024 &amp; hur många som deltog." in html
    edit_url = f"{SITE}/admin/pages/{submitted_case.pk}/edit/"
    assert edit_url in text
    assert f'href="{edit_url}"' in html
    assert "localhost" not in text + html


def test_approval_says_published_and_links_to_the_public_page(
    client, submitted_case, moderator, filipstad_editor, smtp_inbox
):
    client.force_login(moderator)
    response = workflow_action(client, submitted_case, "approve", comment="Fint beskrivet!")
    assert response.status_code == HTTPStatus.FOUND
    [message] = smtp_inbox.to(filipstad_editor.email)
    assert subject(message) == "Godkänd och publicerad: ”Simskola för nyanlända”"
    text, html = parts(message)
    public_url = f"{SITE}/kommuner/filipstad/simskola-for-nyanlanda/"
    assert "”Simskola för nyanlända” är godkänd och publicerad." in text
    assert "Fint beskrivet!" in text and "Fint beskrivet!" in html
    assert public_url in text
    assert f'href="{public_url}"' in html


def test_an_import_tells_each_municipalitys_editors_about_their_drafts(
    tmp_path, filipstad_editor, moderator, smtp_inbox
):
    from tests.cases.test_import_cases import FILIPSTAD_ROW, LJUSNARSBERG_ROW, csv_file, run

    path = csv_file(tmp_path / "insatser.csv", [FILIPSTAD_ROW, LJUSNARSBERG_ROW])
    run(path, "--commit", "--as-user", moderator.username)
    [message] = smtp_inbox.to(filipstad_editor.email)
    assert subject(message) == "Ett utkast från en import väntar på dig (Filipstad)"
    text, html = parts(message)
    draft = CaseStudyPage.objects.get(title=FILIPSTAD_ROW["titel"])
    edit_url = f"{SITE}/admin/pages/{draft.pk}/edit/"
    assert FILIPSTAD_ROW["titel"] in text and edit_url in text
    assert f'href="{edit_url}"' in html
    assert LJUSNARSBERG_ROW["titel"] not in text  # Ljusnarsberg's draft is not Filipstad's news


def test_setup_site_points_the_site_record_at_site_url(settings):
    from io import StringIO

    from django.core.management import call_command
    from wagtail.models import Site

    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = "https://kunskapsbanken.example.org"
    call_command("setup_site", stdout=StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("kunskapsbanken.example.org", 443)
    assert site.root_page.full_url == "https://kunskapsbanken.example.org/"


def test_the_deploy_check_warns_without_site_url():
    from tests.cms.test_settings import PRODUCTION_ENV, _manage

    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SITE_URL"}
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "kunskapsbanken.W001" in result.stderr + result.stdout
    assert "SITE_URL is not set" in result.stderr + result.stdout
