from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    """One uploaded file of cases and what became of it: the audit trail of imports.

    The file is kept in the database (not under MEDIA_ROOT, which the web server publishes) from
    upload until it has been imported; then only its name, who imported it, the counts and the
    summary remain.
    """

    class State(models.TextChoices):
        CHECKED = "checked", _("Checked, not imported")
        QUEUED = "queued", _("Waiting to be imported")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Not imported; the file was removed after a week")

    file_name = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"), blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.CHECKED
    )
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows processed"), default=0)
    rows_to_import = models.PositiveIntegerField(_("rows to import"), default=0)
    summary = models.JSONField(_("summary"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("case import")
        verbose_name_plural = _("case imports")

    def __str__(self) -> str:
        return self.file_name

    @property
    def in_progress(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)
