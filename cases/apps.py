from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases and municipalities")

    def ready(self):
        from django.urls import register_converter

        from themes.listing_dates import use as date_theme_pages

        from . import signal_handlers, spread_figures  # noqa: F401 (spread_figures registers)
        from .params import IdConverter
        from .theme_dates import newest_listed

        date_theme_pages(newest_listed)

        # `<id:page_id>` in any app's URLs: ASCII digits within the id range, else 404.
        register_converter(IdConverter, "id")
