from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import GrantAllocation, Municipality


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    menu_label = _("Municipalities")
    list_display = ["name", "code", "county_name"]
    list_filter = ["county_name"]
    search_fields = ["name", "code"]
    list_per_page = 50


class GrantAllocationViewSet(SnippetViewSet):
    model = GrantAllocation
    icon = "form"
    menu_label = _("Grant allocations")
    list_display = ["municipality", "year", "amount", "purpose"]
    list_filter = ["year", "municipality__county_name"]
    list_per_page = 50


class FollowUpGroup(SnippetViewSetGroup):
    menu_label = _("Follow-up")
    menu_icon = "table"
    menu_order = 300
    items = (GrantAllocationViewSet, MunicipalityViewSet)


register_snippet(FollowUpGroup)
