"""Where a page stands in review, and what the moderator said: one place for the dashboard, the
edit page's banner and the e-mails.

Wagtail keeps the moderator's comment on the task state that was approved or rejected
(TaskState.comment); the page's workflow state says whether the review is waiting or needs changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, TaskState, WorkflowState


@dataclass(frozen=True)
class ReviewNote:
    """A moderator's decision on a page: their comment (may be empty), who and when."""

    comment: str
    moderator: object | None
    at: datetime | None


def _note(task_state: TaskState | None) -> ReviewNote | None:
    if task_state is None:
        return None
    return ReviewNote(task_state.comment, task_state.finished_by, task_state.finished_at)


def changes_requested(page: Page) -> ReviewNote | None:
    """The moderator's request, while the page waits for the editor's changes."""
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    return _note(state.current_task_state)


def last_approval(page: Page) -> ReviewNote | None:
    """The latest approval of the page, with the comment if the moderator left one."""
    task_state = (
        TaskState.objects.filter(
            workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
            workflow_state__object_id=str(page.pk),
            status=TaskState.STATUS_APPROVED,
        )
        .select_related("finished_by")
        .order_by("-finished_at")
        .first()
    )
    return _note(task_state)


def active_states(page_ids) -> dict[int, WorkflowState]:
    """The waiting or needs-changes workflow state of each page that has one, by page id."""
    states = (
        WorkflowState.objects.active()
        .filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(pk) for pk in page_ids],
        )
        .select_related("requested_by", "current_task_state", "current_task_state__finished_by")
    )
    return {int(state.object_id): state for state in states}


def note_of(state: WorkflowState) -> ReviewNote | None:
    if state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    return _note(state.current_task_state)
