"""The synonyms snippet in the admin: moderators keep the groups, municipality editors never see it.

Access follows the model permissions (add/change/delete/view case_search.synonymgroup), which only
the moderator group has (cms/roles.py). The add form can be prefilled from the search statistics:
`?ord=<query>` puts the query that found nothing in the first line.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from .synonyms_models import MAX_TERM_LENGTH, SynonymGroup, split_terms

PREFILL_PARAMETER = "ord"


class SynonymCreateView(CreateView):
    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance()
        words = split_terms(self.request.GET.get(PREFILL_PARAMETER, "")[:MAX_TERM_LENGTH])
        if words:
            instance = instance or self.model()
            instance.words = "\n".join(words) + "\n"
        return instance


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = _("Search synonyms")
    menu_order = 210
    add_to_admin_menu = True
    add_view_class = SynonymCreateView
    list_display = ["__str__", "kind", "active", "updated_at"]
    list_filter = ["kind", "active"]
    search_fields = ["words", "note"]
    list_per_page = 50
