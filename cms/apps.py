from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_table(using="default", **kwargs):
    """`migrate` also creates the database cache's table (a no-op for other cache backends), so
    no deployment can forget `createcachetable` and answer every request with a 500."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site")

    def ready(self):
        from . import checks, import_notices, signal_handlers  # noqa: F401

        post_migrate.connect(create_cache_table, sender=self)
