from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def new_content_version_after_migrate(using="default", **kwargs):
    """Every deployment runs `migrate`: a new token then makes every cached page and value
    (all keyed by the token) be computed again by the new code, so no entry written by the old
    code – in a shape the new code may not read – is ever served."""
    from .content_version import ContentVersion, bump_content_version

    if ContentVersion._meta.db_table in connections[using].introspection.table_names():
        bump_content_version()


def planner_statistics_after_migrate(using="default", **kwargs):
    """A migration may add tables and indexes the planner has no statistics for yet."""
    from .planner_statistics import refresh_planner_statistics

    refresh_planner_statistics(using)


class CoreConfig(AppConfig):
    """An app only because it holds a model (ContentVersion) and the `formatting` tag library."""

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        post_migrate.connect(new_content_version_after_migrate, sender=self)
        post_migrate.connect(planner_statistics_after_migrate, sender=self)
