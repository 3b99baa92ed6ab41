"""The edit page's action menu for editors: sending for review is the main action, and a case with
changes requested offers one way back – "Skicka till granskning igen" – instead of Wagtail's
three (resubmit, restart workflow, cancel workflow).

Moderators and administrators keep Wagtail's menu: publishing stays their first action.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.action_menu import SubmitForModerationMenuItem
from wagtail.models import WorkflowState

SUBMIT = "action-submit"
HIDDEN_WHILE_CHANGES_REQUESTED = {"action-restart-workflow", "action-cancel-workflow"}


class SendForReviewMenuItem(SubmitForModerationMenuItem):
    """Wagtail's submit action, labelled in the review's own words."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        state = page.current_workflow_state if page and page.pk else None
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            context["label"] = _("Send for review again")
        else:
            context["label"] = _("Send for review")
        return context


def arrange_for_editor(menu_items: list, context: dict) -> None:
    """Put "send for review" first (the default button) and drop the confusing alternatives."""
    page = context.get("page")
    state = page.current_workflow_state if page is not None and page.pk else None
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        menu_items[:] = [
            item for item in menu_items if item.name not in HIDDEN_WHILE_CHANGES_REQUESTED
        ]
    else:
        menu_items[:] = [item for item in menu_items if item.name != "action-restart-workflow"]
    for index, item in enumerate(menu_items):
        if item.name == SUBMIT:
            menu_items.pop(index)
            menu_items.insert(0, SendForReviewMenuItem(order=item.order))
            break
