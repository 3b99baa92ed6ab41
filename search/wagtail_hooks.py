from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from core.roles import is_moderator

from .admin_views import search_statistics, task_queue
from .synonyms_admin import SynonymGroupViewSet

VIEW_STATISTICS = "case_search.view_searchweekstat"


@hooks.register("register_admin_urls")
def register_statistics_url():
    view = permission_required(VIEW_STATISTICS, raise_exception=True)(search_statistics)
    return [path("reports/sokstatistik/", view, name="search_statistics")]


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_STATISTICS)


@hooks.register("register_reports_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(
        _("Search statistics"), reverse("search_statistics"), icon_name="search", order=160
    )


def may_view_task_queue(user) -> bool:
    return is_moderator(user)


@hooks.register("register_admin_urls")
def register_task_queue_url():
    def view(request):
        if not may_view_task_queue(request.user):
            raise PermissionDenied
        return task_queue(request)

    return [path("reports/uppgiftsko/", view, name="task_queue")]


class TaskQueueMenuItem(MenuItem):
    def is_shown(self, request):
        return may_view_task_queue(request.user)


@hooks.register("register_reports_menu_item")
def register_task_queue_menu_item():
    return TaskQueueMenuItem(_("Task queue"), reverse("task_queue"), icon_name="time", order=170)


register_snippet(SynonymGroupViewSet)
