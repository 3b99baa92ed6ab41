from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KeyFiguresConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "key_figures"
    verbose_name = _("Key figures")

    def ready(self):
        from . import signal_handlers  # noqa: F401
