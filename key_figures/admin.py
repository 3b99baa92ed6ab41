"""A read-only listing of the key figures in the admin, with source, year and the demo flag.

Figures come from imports (import_key_figures), never from a form: nobody may add, change or
delete them here. Whoever may see the municipalities (moderators) may see their figures.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import KeyFigure


class ReadOnlyKeyFigures(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action != "view" or not user.is_active:
            return False
        return user.is_superuser or user.has_perm("cases.view_municipality")

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class KeyFigureViewSet(ModelViewSet):
    model = KeyFigure
    icon = "table"
    menu_label = _("Key figures")
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["municipality", "indicator", "year", "value", "category", "source", "is_demo"]
    list_filter = ["indicator", "year", "is_demo"]
    search_fields = ["municipality__name", "source"]
    list_per_page = 50
    inspect_view_enabled = True
    copy_view_enabled = False
    list_export = []
    form_fields = ["year"]  # required by ModelViewSet; no form is ever shown (read-only)


register_permission_policy(KeyFigure, ReadOnlyKeyFigures(KeyFigure))
key_figure_viewset = KeyFigureViewSet("key_figures")
