"""When the yearly follow-up reminders go out (Settings → Follow-up reminders)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

LEAP_YEAR = 2028  # 29 February is a date in some years; the reminder then falls on 1 March


@register_setting(icon="mail")
class FollowUpReminderSettings(BaseGenericSetting):
    enabled = models.BooleanField(
        _("send reminders"),
        default=True,
        help_text=_(
            "Editors of published, ongoing cases without this year's follow-up get an e-mail."
        ),
    )
    first_day = models.PositiveSmallIntegerField(
        _("day of the first reminder"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    first_month = models.PositiveSmallIntegerField(
        _("month of the first reminder"), default=10, choices=list(MONTHS.items())
    )
    weeks_until_second = models.PositiveSmallIntegerField(
        _("weeks until the second reminder"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Sent only to editors whose cases still lack the follow-up."),
    )

    class Meta:
        verbose_name = _("follow-up reminders")

    def clean(self):
        super().clean()
        try:
            date(LEAP_YEAR, self.first_month, self.first_day)
        except (TypeError, ValueError):
            raise ValidationError(
                {"first_day": _("That day does not exist in the chosen month.")}
            ) from None
