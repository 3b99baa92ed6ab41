from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.panels import field_panels
from cases.validation import validate_year

from .municipality import Municipality


class GrantAllocation(models.Model):
    """Money a municipality received from the programme in one year: the basis for follow-up."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="grant_allocations",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.PositiveBigIntegerField(
        _("amount (SEK)"),
        validators=[MinValueValidator(0, message=_("The amount cannot be negative."))],
    )
    purpose = models.CharField(_("purpose"), max_length=255, blank=True)

    panels = field_panels("municipality", "year", "amount", "purpose")

    class Meta:
        ordering = ["municipality__name", "-year"]
        verbose_name = _("grant allocation")
        verbose_name_plural = _("grant allocations")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "purpose"], name="unique_grant_per_purpose_and_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.year}: {self.amount} kr"

    def clean(self):
        errors = validate_year(self.year)
        if errors:
            raise ValidationError(errors)
