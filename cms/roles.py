"""Site-wide roles and the review workflow.

- Moderators (agency staff) review, approve or request changes, publish and unpublish anywhere,
  and manage the taxonomy and grant allocations.
- Administrators are superusers: everything, including users and groups.
- Municipality editors get one group per municipality: see cases/participation.py.

Everything here is idempotent: setup_site calls it on every start.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Collection, GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from core.permissions import grant_collection_permissions, grant_page_permissions, permission
from core.roles import MODERATORS

REVIEW_WORKFLOW = "Granskning"
REVIEW_TASK = "Granskning av moderator"

# Wagtail's first migrations create these, with edit rights on the whole tree and a workflow on
# the root. Left in place they would be an easy way to give someone too much; unused, we remove
# them.
WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"

ALL_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
)
MODERATOR_MODEL_PERMISSIONS = {
    "themes": ("theme", "targetgroup", "keyword"),
    # The agency sets when the yearly follow-up reminders go out (cases/follow_up_reminders.py).
    "cases": ("grantallocation", "followupremindersettings"),
    "wagtailsearchpromotions": ("searchpromotion",),
    "case_search": ("synonymgroup",),
}


@transaction.atomic
def ensure_roles(municipalities_root: Page) -> Group:
    """The moderator group and the review workflow on the municipalities' subtree."""
    _remove_unused_wagtail_defaults()
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    moderators.permissions.add(permission("wagtailadmin", "access_admin"))
    for app_label, models in MODERATOR_MODEL_PERMISSIONS.items():
        for model in models:
            for action in ("add", "change", "delete", "view"):
                moderators.permissions.add(permission(app_label, f"{action}_{model}"))
    moderators.permissions.add(permission("cases", "change_municipality"))
    # The published evidence criteria: edited, never added or deleted (cases/evidence_admin.py).
    moderators.permissions.add(permission("cases", "change_evidencelevelcriterion"))
    moderators.permissions.add(permission("cases", "view_evidencelevelcriterion"))
    moderators.permissions.add(permission("cases", "view_municipality"))
    moderators.permissions.add(permission("case_search", "view_searchweekstat"))
    home = municipalities_root.get_parent()
    grant_page_permissions(moderators, home, ALL_PAGE_PERMISSIONS)
    grant_collection_permissions(moderators, Collection.get_first_root_node(), delete=True)
    _ensure_review_workflow(moderators, municipalities_root)
    return moderators


def _ensure_review_workflow(moderators: Group, municipalities_root: Page) -> None:
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
    task.groups.set([moderators])
    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=municipalities_root, defaults={"workflow": workflow})


def _remove_unused_wagtail_defaults() -> None:
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True).delete()
    default = Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).first()
    if default is not None:
        WorkflowPage.objects.filter(workflow=default).delete()
        if default.active:
            default.deactivate()
