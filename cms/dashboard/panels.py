"""Dashboard panels (Wagtail components) for municipality editors and moderators."""

from wagtail.admin.ui.components import Component
from wagtail.permission_policies.pages import PagePermissionPolicy

from .queries import editor_municipalities, editor_overview, moderator_overview, new_case_url


def is_moderator(user) -> bool:
    """Moderators (and administrators) may publish; editors may not."""
    return PagePermissionPolicy().user_has_permission(user, "publish")


class EditorPanel(Component):
    """The editor's municipality, "Skriv en ny insats", and their cases by what they need next."""

    name = "kunskapsbanken_editor"
    template_name = "cms/dashboard/editor_panel.html"
    order = 10

    def __init__(self, municipalities):
        self.municipalities = municipalities

    def get_context_data(self, parent_context):
        return {
            "municipalities": [
                {"page": page, "new_case_url": new_case_url(page)} for page in self.municipalities
            ],
            "overview": editor_overview(self.municipalities),
            "request": parent_context["request"],
        }


class ModeratorPanel(Component):
    """The review queue, recent imports and cases not reviewed for 12 months."""

    name = "kunskapsbanken_moderator"
    template_name = "cms/dashboard/moderator_panel.html"
    order = 10

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {"overview": moderator_overview(request.user), "request": request}


# Wagtail's own panels that ours replace: its review list lacks municipality and submitter, and the
# editor's "your pages in moderation" is split by what the editor must do in EditorPanel.
REPLACED_PANELS = {"workflow_objects_to_moderate", "user_objects_in_workflow_moderation"}


def dashboard_panels(user, panels: list) -> list:
    """The panels for this user's role, ours first."""
    kept = [panel for panel in panels if getattr(panel, "name", "") not in REPLACED_PANELS]
    if is_moderator(user):
        return [ModeratorPanel(), *kept]
    municipalities = editor_municipalities(user)
    if municipalities:
        return [EditorPanel(municipalities), *kept]
    return panels
