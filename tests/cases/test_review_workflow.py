"""The 'Granskning' workflow and the Wagtail features moderators rely on, through the admin."""

from datetime import timedelta
from http import HTTPStatus
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, WorkflowState

from cases.models import CaseReview, CaseStudyPage
from tests.admin_forms import add_case_form, edit_form, postable
from tests.factories import make_case
from tests.workflow import submit_new_case, workflow_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted_case(client, filipstad, filipstad_editor, moderator):
    return submit_new_case(client, filipstad, filipstad_editor, "Simskola för nyanlända")


def test_submission_notifies_the_moderators_only(submitted_case, moderator, mailoutbox):
    recipients = [address for message in mailoutbox for address in message.to]
    assert recipients == [moderator.email]
    assert "Simskola för nyanlända" in mailoutbox[0].subject + mailoutbox[0].body


def test_moderator_approves_and_the_case_goes_live(
    client, submitted_case, moderator, filipstad_editor, mailoutbox
):
    mailoutbox.clear()
    client.force_login(moderator)
    assert (
        workflow_action(client, submitted_case, "approve", comment="").status_code
        == HTTPStatus.FOUND
    )
    case = CaseStudyPage.objects.get(pk=submitted_case.pk)
    assert case.live
    assert case.workflow_states.get().status == WorkflowState.STATUS_APPROVED
    assert [message.to for message in mailoutbox] == [[filipstad_editor.email]]
    assert CaseReview.objects.get(page=case).last_reviewed_at > timezone.now() - timedelta(
        minutes=1
    )
    assert client.get(case.url).status_code == HTTPStatus.OK


def test_moderator_requests_changes_with_a_comment(
    client, submitted_case, moderator, filipstad_editor, mailoutbox
):
    mailoutbox.clear()
    client.force_login(moderator)
    response = workflow_action(
        client, submitted_case, "reject", comment="Lägg till resultat för 2024."
    )
    assert response.status_code == HTTPStatus.FOUND
    case = CaseStudyPage.objects.get(pk=submitted_case.pk)
    assert not case.live
    state = case.workflow_states.get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.get_comment() == "Lägg till resultat för 2024."
    assert [message.to for message in mailoutbox] == [[filipstad_editor.email]]
    assert not CaseReview.objects.filter(page=case).exists()


def test_editor_cannot_approve_their_own_submission(client, submitted_case, filipstad_editor):
    client.force_login(filipstad_editor)
    workflow_action(client, submitted_case, "approve", comment="")
    case = CaseStudyPage.objects.get(pk=submitted_case.pk)
    assert not case.live
    assert case.workflow_states.get().status == WorkflowState.STATUS_IN_PROGRESS


def test_every_step_is_in_the_audit_log(client, submitted_case, moderator):
    client.force_login(moderator)
    workflow_action(client, submitted_case, "approve", comment="")
    actions = set(PageLogEntry.objects.filter(page=submitted_case).values_list("action", flat=True))
    assert {"wagtail.create", "wagtail.workflow.start", "wagtail.publish"} <= actions
    assert "wagtail.workflow.approve" in actions


def test_preview_renders_the_unsaved_case(admin_client, filipstad):
    _, data = add_case_form(admin_client, filipstad, title="Förhandsgranskad insats")
    preview_url = reverse(
        "wagtailadmin_pages:preview_on_add", args=["cases", "casestudypage", filipstad.pk]
    )
    assert admin_client.post(preview_url, postable(data)).json()["is_valid"] is True
    html = admin_client.get(preview_url).content.decode()
    assert "Förhandsgranskad insats" in html
    assert "Många barn saknade svenska." in html


def test_revisions_can_be_compared(admin_client, filipstad):
    case = make_case(filipstad, title="Första versionen")
    first = case.latest_revision
    url, data = edit_form(admin_client, case)
    data["title"] = "Andra versionen"
    admin_client.post(url, postable(data))
    second = CaseStudyPage.objects.get(pk=case.pk).latest_revision
    compare = reverse("wagtailadmin_pages:revisions_compare", args=[case.pk, first.pk, second.pk])
    response = admin_client.get(compare)
    assert response.status_code == HTTPStatus.OK
    title_diff = next(c for c in response.context["comparison"] if c.field.name == "title")
    assert title_diff.has_changed()
    assert "Första" in title_diff.htmldiff() and "Andra" in title_diff.htmldiff()


def test_scheduled_publishing_waits_for_its_time(admin_client, filipstad):
    case = make_case(filipstad, title="Schemalagd insats", publish=False)
    url, data = edit_form(admin_client, case)
    go_live = timezone.localtime() + timedelta(days=1)
    data["go_live_at"] = go_live.strftime("%Y-%m-%d %H:%M")
    data["action-publish"] = "1"
    assert admin_client.post(url, postable(data)).status_code == HTTPStatus.FOUND
    case.refresh_from_db()
    assert not case.live
    assert case.scheduled_revision is not None
    call_command("publish_scheduled", stdout=StringIO())
    assert not CaseStudyPage.objects.get(pk=case.pk).live
    with time_machine.travel(go_live + timedelta(minutes=5)):
        call_command("publish_scheduled", stdout=StringIO())
    assert CaseStudyPage.objects.get(pk=case.pk).live


def test_a_locked_case_cannot_be_edited_by_the_editor(
    client, admin_client, filipstad, filipstad_editor
):
    case = make_case(filipstad, title="Låst insats")
    admin_client.post(reverse("wagtailadmin_pages:lock", args=[case.pk]))
    assert CaseStudyPage.objects.get(pk=case.pk).locked
    client.force_login(filipstad_editor)
    url, data = edit_form(client, case)
    data["title"] = "Ändrad trots lås"
    client.post(url, postable(data))
    assert CaseStudyPage.objects.get(pk=case.pk).latest_revision.as_object().title == "Låst insats"


def test_report_lists_published_cases_not_reviewed_for_a_year(client, moderator, filipstad):
    stale = make_case(filipstad, title="Gammal granskning")
    fresh = make_case(filipstad, title="Färsk granskning")
    CaseReview.objects.filter(page=stale).update(
        last_reviewed_at=timezone.now() - timedelta(days=400)
    )
    client.force_login(moderator)
    html = client.get(reverse("cases_due_for_review")).content.decode()
    assert "Gammal granskning" in html
    assert "Färsk granskning" not in html
    assert fresh.review.last_reviewed_at > timezone.now() - timedelta(days=1)


def test_report_is_for_moderators_only(client, filipstad_editor):
    client.force_login(filipstad_editor)
    response = client.get(reverse("cases_due_for_review"))
    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
    assert "Gammal granskning" not in response.content.decode()
