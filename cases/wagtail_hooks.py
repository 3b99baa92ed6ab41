from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .contact_admin import contact_message_viewset
from .evidence_admin import EvidenceLevelCriterionViewSet
from .models import GrantAllocation, Municipality
from .views import imports
from .views.reports import DueForReviewView
from .views.statistics import follow_up_export, follow_up_report, follow_up_workbook

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
register_snippet(EvidenceLevelCriterionViewSet)


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


@hooks.register("register_admin_urls")
def register_follow_up_report_urls():
    return [
        path("reports/uppfoljning/", follow_up_report, name="follow_up_report"),
        path(
            "reports/uppfoljning/export/alla.xlsx",
            follow_up_workbook,
            name="follow_up_report_workbook",
        ),
        path(
            "reports/uppfoljning/export/<slug:key>.<str:format_key>",
            follow_up_export,
            name="follow_up_report_export",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_follow_up_report_menu_item():
    return ModeratorMenuItem(
        _("Follow-up figures"), reverse("follow_up_report"), icon_name="table", order=140
    )


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("import/", imports.import_start, name="cases_import"),
        path("import/<id:batch_id>/", imports.import_batch, name="cases_import_batch"),
        path("import/<id:batch_id>/importera/", imports.import_run, name="cases_import_run"),
        path(
            "import/importmall-insatser.xlsx",
            imports.import_template,
            {"file_type": "xlsx"},
            name="cases_import_template_xlsx",
        ),
        path(
            "import/importmall-insatser.csv",
            imports.import_template,
            {"file_type": "csv"},
            name="cases_import_template_csv",
        ),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return imports.can_import_cases(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(_("Import cases"), reverse("cases_import"), icon_name="upload", order=310)


@hooks.register("insert_global_admin_css")
def editor_phone_css():
    """On a phone the editor's save/submit bar stays in reach and the header and tabs fit."""
    return format_html('<link rel="stylesheet" href="{}">', static("cases/css/editor-phone.css"))


@hooks.register("register_admin_viewset")
def register_contact_messages():
    """Messages: what readers asked a case's contact person (cases/contact_admin.py)."""
    return contact_message_viewset
