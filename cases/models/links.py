from django.db import models


def optional_link(to: str, verbose_name) -> models.ForeignKey:
    """A link to an image, document or page that may be left empty; deleting the target empties
    it rather than deleting the page that links to it."""
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
