"""A municipality's key figures: one row per indicator and year, with its source."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Municipality

from .indicators import INDICATORS


class KeyFigure(models.Model):
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="key_figures",
    )
    indicator = models.CharField(
        _("indicator"), max_length=40, choices=[(i.key, i.label) for i in INDICATORS]
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True)
    # For the municipality group: SKR's group code, e.g. "C8".
    category = models.CharField(_("category"), max_length=10, blank=True)
    source = models.CharField(_("source"), max_length=200)
    source_url = models.URLField(_("source address"), blank=True)
    is_demo = models.BooleanField(
        _("demo figure"),
        default=False,
        help_text=_("Invented for the demo; never presented as real."),
    )
    imported_at = models.DateTimeField(_("imported"), auto_now=True)

    class Meta:
        ordering = ["municipality__name", "indicator", "-year"]
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "indicator", "year"], name="one_key_figure_a_year"
            )
        ]

    def __str__(self) -> str:
        shown = self.category or self.value
        return f"{self.municipality} {self.indicator} {self.year}: {shown}"
