from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseReview(models.Model):
    """When a moderator last reviewed a case (published it, directly or by approving it).

    Kept outside the page's revisioned fields on purpose: an editor's next draft must neither
    carry an old date back nor be able to set a new one. Who published is in the audit log.
    """

    page = models.OneToOneField(
        "cases.CaseStudyPage", on_delete=models.CASCADE, related_name="review", primary_key=True
    )
    last_reviewed_at = models.DateTimeField(_("last reviewed"), db_index=True)

    class Meta:
        verbose_name = _("case review")
        verbose_name_plural = _("case reviews")

    def __str__(self) -> str:
        return f"{self.page_id}: {self.last_reviewed_at:%Y-%m-%d}"
