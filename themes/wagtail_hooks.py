from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Keyword, TargetGroup, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Focus areas")
    list_display = ["name", "slug", "sort_order"]


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "group"
    menu_label = _("Target groups")
    list_display = ["name", "slug", "sort_order"]


class KeywordViewSet(SnippetViewSet):
    model = Keyword
    icon = "tag"
    menu_label = _("Keywords")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomy")
    menu_icon = "tag"
    menu_order = 200
    items = (ThemeViewSet, TargetGroupViewSet, KeywordViewSet)


register_snippet(TaxonomyGroup)
