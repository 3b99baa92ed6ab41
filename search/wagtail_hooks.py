from django.contrib.auth.decorators import permission_required
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from .admin_views import search_statistics
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


register_snippet(SynonymGroupViewSet)
