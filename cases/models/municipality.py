from django.db import models
from django.utils.translation import gettext_lazy as _


class Municipality(models.Model):
    """One of Sweden's 290 municipalities, as listed by Statistics Sweden (SCB)."""

    code = models.CharField(
        _("municipality code"), max_length=4, unique=True, help_text=_("SCB's four-digit code.")
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    county_code = models.CharField(_("county code"), max_length=2, db_index=True)
    county_name = models.CharField(_("county"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name
