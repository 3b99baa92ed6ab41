from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DownloadsConfig(AppConfig):
    """Big case-list downloads, written by the task worker (issue #17, item 4)."""

    name = "downloads"
    verbose_name = _("Downloads")
    default_auto_field = "django.db.models.BigAutoField"
