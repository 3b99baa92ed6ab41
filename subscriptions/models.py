"""A subscription: one address following one theme, municipality or saved search.

Deliberately minimal (the privacy page, /om/personuppgifter/, lists exactly these fields): the
address, what it follows, how often, the language of its e-mails, when it was created and
confirmed, and up to when changes have been sent. Unsubscribing deletes the row.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_TARGET_LENGTH = 500


class Subscription(models.Model):
    class Kind(models.TextChoices):
        THEME = "theme", _("focus area")
        MUNICIPALITY = "municipality", _("municipality")
        SEARCH = "search", _("saved search")

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("Weekly digest")
        IMMEDIATE = "immediate", _("At once")

    email = models.EmailField(_("e-mail address"))
    kind = models.CharField(_("follows"), max_length=20, choices=Kind.choices)
    # A theme slug, an SCB municipality code, or a normalised /sok/ query string.
    target = models.CharField(_("target"), max_length=MAX_TARGET_LENGTH, blank=True)
    frequency = models.CharField(
        _("frequency"), max_length=20, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    language = models.CharField(_("language"), max_length=8, default="sv")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # Changes published up to this moment have been sent (or were older than the confirmation).
    last_sent_until = models.DateTimeField(_("sent up to"), null=True, blank=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["email", "kind", "target"], name="subscription_unique_target"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.target}"

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None
