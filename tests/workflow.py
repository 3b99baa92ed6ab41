"""Review steps for tests: submitting a case and acting on it as a moderator would."""

from http import HTTPStatus

from django.urls import reverse

from cases.models import CaseStudyPage
from tests.admin_forms import add_case_form, postable


def submit_new_case(client, parent, editor, title: str) -> CaseStudyPage:
    """A case `editor` wrote in the admin's form under `parent` and sent for review."""
    client.force_login(editor)
    url, data = add_case_form(client, parent, title=title)
    data["action-submit"] = "1"
    assert client.post(url, postable(data)).status_code == HTTPStatus.FOUND
    client.logout()
    return CaseStudyPage.objects.child_of(parent).get(title=title)


def workflow_action(client, case, action: str, **data):
    """POST a moderator's workflow action (approve, reject, …) through the admin."""
    task_state = case.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[case.pk, action, task_state.pk])
    return client.post(url, data)


def submit_for_review(case, user) -> CaseStudyPage:
    case.get_workflow().start(case, user)
    return CaseStudyPage.objects.get(pk=case.pk)


def request_changes(case, moderator, comment: str) -> CaseStudyPage:
    task_state = case.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "reject", comment=comment)
    return CaseStudyPage.objects.get(pk=case.pk)
