from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import GrantAllocation, Municipality
from .views.reports import DueForReviewView

page_permission_policy = PagePermissionPolicy()


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


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/granskning/", DueForReviewView.as_view(), name="cases_due_for_review"),
        path(
            "reports/granskning/results/",
            DueForReviewView.as_view(results_only=True),
            name="cases_due_for_review_results",
        ),
    ]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return page_permission_policy.user_has_permission(request.user, "publish")


@hooks.register("register_reports_menu_item")
def register_due_for_review_menu_item():
    return ModeratorMenuItem(
        _("Cases due for review"), reverse("cases_due_for_review"), icon_name="time", order=150
    )
