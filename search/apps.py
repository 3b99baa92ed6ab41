from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "case_search"
    verbose_name = _("Case search")

    def ready(self):
        from cases.listings import use as list_below_cases

        from . import evidence_signals, signal_handlers, understanding_data  # noqa: F401
        from .analysis.synonyms import use_groups_from
        from .case_page_listings import CASE_PAGE_LISTINGS
        from .synonyms import active_groups

        use_groups_from(active_groups)
        list_below_cases(CASE_PAGE_LISTINGS)
