from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Mailing(models.Model):
    """One e-mail to one recipient, from queueing to delivery (see the package docstring)."""

    class Kind(models.TextChoices):
        DIGEST = "digest", _("Digest")
        CONFIRMATION = "confirmation", _("Subscription confirmation")
        REMINDER = "reminder", _("Follow-up reminder")
        CONTACT = "contact", _("Message to a case owner")
        CONTACT_COPY = "contact_copy", _("Copy to the sender")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed, will be retried")
        GIVEN_UP = "given_up", _("Given up")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    recipient = models.CharField(_("recipient"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    text_body = models.TextField(_("text"), blank=True)
    html_body = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    reply_to = models.CharField(_("reply to"), max_length=254, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # Set when the personal parts were blanked (MAILINGS_KEEP_DAYS).
    blanked_at = models.DateTimeField(null=True, blank=True)
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="mailing_due"),
            models.Index(fields=["-created"], name="mailing_recent"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"
