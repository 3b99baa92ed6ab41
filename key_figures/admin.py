"""A read-only listing of the key figures in the admin, with source, year and the demo flag.

Figures come from imports (import_key_figures), never from a form: nobody may add, change or
delete them here. Whoever may see the municipalities (moderators) may see their figures.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from cases.models import Municipality
from core.admin_policies import LimitedModelPermissionPolicy

from .models import KeyFigure


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


register_permission_policy(
    KeyFigure, LimitedModelPermissionPolicy(KeyFigure, only={"view"}, auth_model=Municipality)
)
key_figure_viewset = KeyFigureViewSet("key_figures")
