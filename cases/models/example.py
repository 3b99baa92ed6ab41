from django.db import models
from django.utils.translation import gettext_lazy as _


class ExampleFlag(models.Model):
    """Marks fictional demo content so it can never be mistaken for a municipality's real work."""

    is_example = models.BooleanField(
        _("fictional example"),
        default=False,
        help_text=_("Marks demo content: the page shows 'Example – fictional initiative'."),
    )

    class Meta:
        abstract = True
