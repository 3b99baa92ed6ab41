"""Key figures are shown on public pages: a changed figure is a change of published content.
The importer writes in bulk (no signals) and bumps the content version itself."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.content_version import bump_content_version

from .models import KeyFigure


@receiver(post_save, sender=KeyFigure)
@receiver(post_delete, sender=KeyFigure)
def key_figure_changed(sender, **kwargs):
    bump_content_version()
