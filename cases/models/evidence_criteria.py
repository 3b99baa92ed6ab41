"""The published criteria of each evidence level, kept as data so moderators can edit them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel

from cases.choices import EvidenceLevel


class CriterionForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "criteria" in self.fields:
            self.fields["criteria"].error_messages["required"] = _(
                "Write the criteria of the level; readers and editors see them."
            )


class EvidenceLevelCriterion(models.Model):
    """What a case must show to reach one level, in Swedish and (optionally) English, and what
    counts – examples for editors and readers. Shown on /om/evidensnivaer/, in the case editor's
    Results tab and on case pages; the order is the ladder's (cases/evidence.py)."""

    level = models.CharField(
        _("evidence level"), max_length=20, choices=EvidenceLevel.choices, unique=True
    )
    criteria = models.TextField(_("criteria (Swedish)"))
    criteria_en = models.TextField(
        _("criteria (English)"),
        blank=True,
        help_text=_("Shown on the English site; the Swedish text is shown when this is empty."),
    )
    what_counts = models.TextField(
        _("what counts (Swedish)"),
        blank=True,
        help_text=_("Examples of follow-ups, evaluations or results that meet the criteria."),
    )
    what_counts_en = models.TextField(_("what counts (English)"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    base_form_class = CriterionForm
    panels = [
        FieldPanel("level", read_only=True),
        FieldPanel("criteria"),
        FieldPanel("criteria_en"),
        FieldPanel("what_counts"),
        FieldPanel("what_counts_en"),
    ]

    class Meta:
        verbose_name = _("evidence level criterion")
        verbose_name_plural = _("evidence level criteria")

    def __str__(self) -> str:
        return str(EvidenceLevel(self.level).label)
