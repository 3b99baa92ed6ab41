"""One background export: what was asked for, how far it has come, and the file it left."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LINK_LIFETIME = timedelta(days=1)


def new_token() -> str:
    """The job's address: 32 random bytes, so a job page can only be reached by being handed it."""
    return secrets.token_urlsafe(32)


class ExportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Being prepared")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # The download address's own query string, normalised (sorted), and the format key of
    # cases.exchange.writers.FORMATS: together with base_url what makes two requests the same.
    query = models.TextField(blank=True)
    format = models.CharField(max_length=20)
    base_url = models.CharField(max_length=200)
    # The content version (core/content_version.py) the file was asked for: a finished file is
    # handed to the next visitor asking the same only while nothing public has changed.
    content_version = models.CharField(max_length=64)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    # The finished file, relative to EXPORT_ROOT (downloads/files.py): outside MEDIA_ROOT and the
    # public URL space, sent only by downloads/views.py to the holder of the token.
    file_name = models.CharField(max_length=255, blank=True)
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    # The task writes it with every batch of rows; a RUNNING job whose beat is old lost its worker.
    beat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        indexes = [
            models.Index(fields=["query", "format", "status"], name="downloads_same_request"),
            models.Index(fields=["expires_at"], name="downloads_expiry"),
        ]

    def __str__(self) -> str:
        return f"{self.format} {self.query or '(alla)'} – {self.status}"

    def save(self, *args, **kwargs):
        if self.expires_at is None:
            self.expires_at = (self.created_at or timezone.now()) + LINK_LIFETIME
        super().save(*args, **kwargs)

    @property
    def active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    def expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at

    @property
    def percent(self) -> int | None:
        if not self.rows_total:
            return None
        return min(100, self.rows_done * 100 // self.rows_total)
