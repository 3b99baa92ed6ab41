"""The admin dashboard for each role, as the editor and the moderator see it after logging in."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from cases.models import FollowUpUpdate, ImportBatch
from cms.dashboard.queries import editor_municipalities, editor_overview
from tests.factories import make_case
from tests.workflow import request_changes, submit_for_review

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/"


def test_editor_dashboard_names_the_municipality_and_starts_a_case_in_one_click(
    client, filipstad, filipstad_editor
):
    client.force_login(filipstad_editor)
    html = client.get(DASHBOARD).content.decode()
    assert "Du skriver för Filipstad" in html
    new_case = reverse("wagtailadmin_pages:add", args=("cases", "casestudypage", filipstad.pk))
    assert f'href="{new_case}"' in html
    assert html.index("Skriv en ny insats") < html.index("Ändringar begärda")
    form = client.get(new_case)
    assert form.status_code == HTTPStatus.OK
    assert 'id="page-edit-form"' in form.content.decode()


def test_editor_dashboard_sorts_their_cases_by_what_they_need(
    client, filipstad, ljusnarsberg, filipstad_editor, moderator
):
    draft = make_case(filipstad, publish=False, title="Läxhjälp på biblioteket")
    waiting = submit_for_review(
        make_case(filipstad, publish=False, title="Språkcafé"), filipstad_editor
    )
    returned = submit_for_review(
        make_case(filipstad, publish=False, title="Sommarjobb"), filipstad_editor
    )
    request_changes(returned, moderator, "Beskriv resultaten för 2024.")
    followed = make_case(filipstad, title="Fältgruppen")
    FollowUpUpdate.objects.create(page=followed, year=timezone.localdate().year, text="Pågår.")
    unfollowed = make_case(filipstad, title="Nattvandring")
    other = make_case(ljusnarsberg, publish=False, title="Annan kommuns utkast")

    overview = editor_overview(editor_municipalities(filipstad_editor))
    assert draft.pk in {row.page.pk for row in overview.drafts}
    assert [row.page.pk for row in overview.waiting] == [waiting.pk]
    [changes] = overview.changes_requested
    assert changes.page.pk == returned.pk
    assert changes.note.comment == "Beskriv resultaten för 2024."
    missing = {row.page.pk for row in overview.missing_follow_up}
    assert unfollowed.pk in missing and followed.pk not in missing

    client.force_login(filipstad_editor)
    html = client.get(DASHBOARD).content.decode()
    assert "Beskriv resultaten för 2024." in html
    assert "Läxhjälp på biblioteket" in html and "Språkcafé" in html and "Nattvandring" in html
    assert other.title not in html
    assert "Saknar årets uppföljning" in html


def test_editor_is_told_about_drafts_from_an_import(client, filipstad, filipstad_editor):
    imported = make_case(filipstad, publish=False, title="Importerad insats")
    ImportBatch.objects.create(
        file_name="insatser.xlsx",
        state=ImportBatch.State.DONE,
        summary={
            "created": [
                {
                    "row": 2,
                    "page_id": imported.pk,
                    "title": imported.title,
                    "municipality": "Filipstad",
                }
            ]
        },
    )
    client.force_login(filipstad_editor)
    html = client.get(DASHBOARD).content.decode()
    assert "En insats från en import väntar på dig bland dina utkast" in html
    assert "från en import" in html


def test_editor_sees_no_site_counts_and_our_own_guide(client, filipstad_editor):
    client.force_login(filipstad_editor)
    html = client.get(DASHBOARD).content.decode()
    assert "Redaktörsguide" in html
    assert "guide.wagtail.org" not in html
    assert "gravatar" not in html.lower()
    assert "w-summary__list" not in html  # no "6 Sidor / 0 Bilder / 0 Dokument"
    guide = client.get(reverse("kunskapsbanken_editor_guide")).content.decode()
    assert "Skicka till granskning" in guide and "Ändringar begärda" in guide


def test_moderator_dashboard_lists_the_queue_imports_and_overdue_reviews(
    client, filipstad, filipstad_editor, moderator
):
    waiting = submit_for_review(
        make_case(filipstad, publish=False, title="Språkcafé"), filipstad_editor
    )
    ImportBatch.objects.create(file_name="vårens-insatser.csv", state=ImportBatch.State.DONE)
    client.force_login(moderator)
    html = client.get(DASHBOARD).content.decode()
    queue = html.split('id="kb-review-queue-content"')[1].split('id="kb-recent-imports')[0]
    assert waiting.title in queue
    assert "Filipstad" in queue
    assert filipstad_editor.get_username() in queue
    assert "vårens-insatser.csv" in html
    assert "Inte granskade på 12 månader" in html
    assert waiting.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
