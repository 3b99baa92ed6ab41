"""The repeating parts of a case page, edited as inline panels."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase
from wagtail.models import Orderable

from cases.choices import ImplementationStatus, PartnerKind, Status
from cases.panels import field_panels, field_row
from cases.validation import merge, validate_follow_up, validate_implementation, validate_year
from themes.models import Keyword

CASE = "cases.CaseStudyPage"


class CaseKeyword(ItemBase):
    tag = models.ForeignKey(Keyword, on_delete=models.CASCADE, related_name="tagged_cases")
    content_object = ParentalKey(CASE, on_delete=models.CASCADE, related_name="tagged_keywords")


class ResultIndicator(Orderable):
    """A measured result: where it started, what was aimed for and what was reached."""

    page = ParentalKey(CASE, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("e.g. %, persons"))
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    outcome = models.DecimalField(
        _("outcome"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    year = models.PositiveSmallIntegerField(_("year measured"), null=True, blank=True)

    panels = field_panels(
        "name", field_row("unit", "year"), field_row("baseline", "target", "outcome")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("result indicator")
        verbose_name_plural = _("result indicators")

    def clean(self):
        errors = validate_year(self.year)
        if errors:
            raise ValidationError(errors)

    @property
    def change(self):
        if self.baseline is None or self.outcome is None:
            return None
        return self.outcome - self.baseline


class FollowUpUpdate(Orderable):
    """A yearly note on how the initiative is going, including why it stopped if it did."""

    page = ParentalKey(CASE, on_delete=models.CASCADE, related_name="follow_ups")
    year = models.PositiveSmallIntegerField(_("year"))
    text = models.TextField(_("what happened"))
    status_change = models.CharField(
        _("new status"),
        max_length=20,
        choices=Status.choices,
        blank=True,
        help_text=_(
            "Fill in only if the status changed this year. Once approved, the case's status and "
            "dates follow: Completed or Discontinued ends the case on 31 December of this year "
            "unless an earlier end date is given."
        ),
    )
    discontinued_reason = models.TextField(
        _("why it was discontinued"),
        blank=True,
        help_text=_(
            "Required when the new status is 'Discontinued' or the initiative ended early."
        ),
    )
    # Blank only on follow-ups written before the scale existed; new ones must choose (clean()).
    implementation_status = models.CharField(
        _("implementation status"),
        max_length=20,
        choices=ImplementationStatus.choices,
        blank=True,
        help_text=_("How far the initiative has come this year."),
    )

    panels = field_panels(
        field_row("year", "implementation_status", "status_change"), "text", "discontinued_reason"
    )

    class Meta(Orderable.Meta):
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def clean(self):
        errors = merge(
            validate_year(self.year),
            validate_follow_up(self.status_change, self.discontinued_reason),
            validate_implementation(
                self.implementation_status, self.discontinued_reason, new=self.pk is None
            ),
        )
        if errors:
            raise ValidationError(errors)


class CasePartner(Orderable):
    page = ParentalKey(CASE, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("organisation"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices)

    panels = [field_row("name", "kind")]

    class Meta(Orderable.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")


class CaseAttachment(Orderable):
    page = ParentalKey(CASE, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("link text"), max_length=200, blank=True, help_text=_("Defaults to the document's title.")
    )

    panels = field_panels("document", "title")

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    @property
    def link_text(self) -> str:
        return self.title or self.document.title


class CaseInspiration(Orderable):
    """'Inspired by / adapted from' another case; shown on both cases."""

    page = ParentalKey(CASE, on_delete=models.CASCADE, related_name="inspirations")
    source = models.ForeignKey(
        CASE,
        verbose_name=_("inspired by"),
        on_delete=models.CASCADE,
        related_name="inspired_cases",
    )
    note = models.TextField(
        _("what was adapted"), blank=True, help_text=_("What you took over and what you changed.")
    )

    panels = field_panels("source", "note")

    class Meta(Orderable.Meta):
        verbose_name = _("inspiration")
        verbose_name_plural = _("inspirations")

    def clean(self):
        if self.source_id and self.source_id == self.page_id:
            raise ValidationError({"source": _("A case cannot be inspired by itself.")})
