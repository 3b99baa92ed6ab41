from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Keyword, TargetGroup, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Focus areas")
    list_display = ["name", "name_en", "slug", "sort_order"]


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "group"
    menu_label = _("Target groups")
    list_display = ["name", "name_en", "slug", "sort_order"]


class KeywordViewSet(SnippetViewSet):
    model = Keyword
    icon = "tag"
    menu_label = _("Keywords")
    list_display = [
        "name",
        "name_en",
        Column("usage_count", label=_("Used by cases"), sort_key="usage_count"),
    ]
    search_fields = ["name", "name_en"]
    ordering = ["name"]

    def get_queryset(self, request):
        return Keyword.objects.annotate(usage_count=Count("tagged_cases", distinct=True))


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomy")
    menu_icon = "tag"
    menu_order = 200
    items = (ThemeViewSet, TargetGroupViewSet, KeywordViewSet)


register_snippet(TaxonomyGroup)
