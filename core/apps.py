from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """An app only because it holds a model (ContentVersion) and the `formatting` tag library."""

    name = "core"
    verbose_name = _("Core")
