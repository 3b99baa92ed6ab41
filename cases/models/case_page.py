from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cases.blocks import CaseBodyBlock
from cases.case_body import has_empty_parts, with_every_section, without_empty_parts
from cases.choices import ChosenEvidenceLevel, EvaluationKind, EvidenceLevel, Status
from cases.evidence_help import EvidenceHelpPanel
from cases.follow_ups import CaseState, StatusChange, newest_change, state_after
from cases.keyword_widget import KeywordWidget
from cases.panels import field_row, page_content, page_promote
from cases.slugs import ascii_slug
from cases.validation import (
    merge,
    validate_amounts,
    validate_focus_area_count,
    validate_period,
    validate_status_dates,
    validate_target_group_count,
)
from themes.models import Keyword

from .case_parts import CaseKeyword
from .contact import ContactFields
from .example import ExampleFlag
from .links import optional_link
from .municipality import Municipality
from .municipality_pages import MunicipalityPage

NON_NEGATIVE = MinValueValidator(0, message=_("The amount cannot be negative."))


class CaseStudyPageForm(WagtailAdminPageForm):
    """The case editor: every body section offered in order, focus areas required (1–3), and a
    new follow-up's status carried over to the case's facts."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "body" in self.fields and not self.is_bound:
            self.initial["body"] = with_every_section(self.instance.body)
        if "themes" in self.fields:
            self.fields["themes"].required = True
            self.fields["themes"].error_messages["required"] = _("Choose at least one focus area.")

    def clean_slug(self):
        """An address typed with å, ä or ö (or pasted) is stored in ASCII, as the admin's slug
        field shows it once the field loses focus."""
        return ascii_slug(self.cleaned_data.get("slug", "")) or self.cleaned_data.get("slug")

    def clean(self):
        cleaned_data = super().clean()
        themes = cleaned_data.get("themes")
        groups = cleaned_data.get("target_groups")
        errors = merge(
            validate_focus_area_count(len(themes)) if themes is not None else {},
            validate_target_group_count(len(groups)) if groups is not None else {},
        )
        for field, messages in errors.items():
            for message in messages:
                self.add_error(field, message)
        self._apply_follow_up_status(cleaned_data)
        return cleaned_data

    def _apply_follow_up_status(self, cleaned_data) -> None:
        """A follow-up added or changed in this edit with a new status sets the case's status and
        dates (cases/follow_ups.py); they are saved, and published, with the rest of the page."""
        facts = ("status", "start_date", "end_date")
        if any(field not in self.fields or field in self._errors for field in facts):
            return
        change = newest_change(self._status_changes())
        if change is None:
            return
        state = state_after(
            CaseState(
                cleaned_data.get("status"),
                cleaned_data.get("start_date"),
                cleaned_data.get("end_date"),
            ),
            change,
        )
        cleaned_data.update(
            status=state.status, start_date=state.start_date, end_date=state.end_date
        )

    def _status_changes(self) -> list[StatusChange]:
        formset = getattr(self, "formsets", {}).get("follow_ups")
        if formset is None:
            return []
        changes = []
        for form in formset.forms:
            if not form.has_changed() or not form.is_valid():
                continue
            if formset.can_delete and formset._should_delete_form(form):
                continue
            status, year = form.cleaned_data.get("status_change"), form.cleaned_data.get("year")
            if status and year:
                changes.append(StatusChange(year=year, status=status))
        return changes


class CaseStudyPage(ExampleFlag, ContactFields, Page):
    """A municipal initiative, documented so that other municipalities can learn from it."""

    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_("Two or three sentences: what was done, for whom, and the main result."),
    )
    hero_image = optional_link("wagtailimages.Image", _("main image"))
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="cases",
        help_text=_("Copied from the parent municipality page so cases filter quickly."),
    )

    themes = ParentalManyToManyField(
        "themes.Theme",
        verbose_name=_("focus areas"),
        related_name="cases",
        blank=True,  # "1 to 3" is checked by CaseStudyPageForm, with its own message
    )
    keywords = ClusterTaggableManager(
        verbose_name=_("keywords"), through=CaseKeyword, blank=True, related_name="cases"
    )
    target_groups = ParentalManyToManyField(
        "themes.TargetGroup", verbose_name=_("target groups"), blank=True, related_name="cases"
    )

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ONGOING, db_index=True
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    grant_amount = models.BigIntegerField(
        _("grant amount (SEK)"), null=True, blank=True, validators=[NON_NEGATIVE]
    )
    total_budget = models.BigIntegerField(
        _("total budget (SEK)"), null=True, blank=True, validators=[NON_NEGATIVE]
    )

    evidence_level = models.CharField(
        _("evidence level"),
        max_length=20,
        choices=ChosenEvidenceLevel.choices,  # "tried in several municipalities" is derived
        default=EvidenceLevel.NOT_EVALUATED,
    )
    evaluation_kind = models.CharField(
        _("kind of evaluation"),
        max_length=30,
        choices=EvaluationKind.choices,
        default=EvaluationKind.NONE,
    )
    evaluation_description = models.TextField(
        _("about the evaluation"),
        blank=True,
        help_text=_("Who evaluated, how, and where the report can be found."),
    )

    body = StreamField(CaseBodyBlock(), verbose_name=_("description"), blank=True)

    base_form_class = CaseStudyPageForm
    parent_page_types = ["cases.MunicipalityPage"]
    subpage_types: list[str] = []

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("status"),
        index.FilterField("municipality"),
        index.RelatedFields("keywords", [index.SearchField("name")]),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]

    content_panels = page_content(
        "summary",
        "hero_image",
        FieldPanel(
            "body",
            help_text=_(
                "The seven sections readers look for, in order. Write a few paragraphs in each "
                "section you can; empty sections are left out of the published page."
            ),
        ),
    )
    facts_panels = [
        MultiFieldPanel(
            [
                FieldPanel(
                    "themes",
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Choose 1–3: the focus areas that matter most for the initiative."),
                ),
                FieldPanel(
                    "target_groups",
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Choose 1–3 groups the initiative is mainly for (optional)."),
                ),
                FieldPanel(
                    "keywords",
                    widget=KeywordWidget(tag_model=Keyword),
                    help_text=_("Words others would search for: a method, a group, a place."),
                ),
            ],
            heading=_("Focus areas and keywords"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                field_row(
                    FieldPanel("start_date", help_text=_("Required unless the status is Planned.")),
                    FieldPanel(
                        "end_date",
                        help_text=_(
                            "Required when the status is Completed; for a planned or "
                            "ongoing initiative, the planned end."
                        ),
                    ),
                ),
                field_row("grant_amount", "total_budget"),
            ],
            heading=_("Status, period and money"),
        ),
        InlinePanel("partners", heading=_("Partners"), label=_("Partner")),
        InlinePanel("inspirations", heading=_("Inspired by"), label=_("Inspiration")),
    ]
    results_panels = [
        InlinePanel("indicators", heading=_("Result indicators"), label=_("Indicator")),
        MultiFieldPanel(
            [
                EvidenceHelpPanel(),
                FieldPanel("evidence_level"),
                FieldPanel("evaluation_kind"),
                FieldPanel("evaluation_description"),
            ],
            heading=_("Evidence"),
        ),
        InlinePanel("follow_ups", heading=_("Yearly follow-up"), label=_("Follow-up")),
    ]
    contact_panels = [
        ContactFields.contact_panel(),
        InlinePanel("attachments", heading=_("Attachments"), label=_("Attachment")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(facts_panels, heading=_("Facts")),
            ObjectList(results_panels, heading=_("Results")),
            ObjectList(contact_panels, heading=_("Contact and attachments")),
            ObjectList(page_promote("is_example"), heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(grant_amount__gte=0) | models.Q(grant_amount__isnull=True),
                name="case_grant_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(total_budget__gte=0) | models.Q(total_budget__isnull=True),
                name="case_total_budget_not_negative",
            ),
        ]

    route_select_related = ("municipality",)  # cms/routing.py reads it with the page

    def get_context(self, request, *args, **kwargs):
        from cases.page_context import case_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(case_page_context(self, request))
        return context

    def get_view_restrictions(self):
        from cases.page_context import view_restrictions_of

        return view_restrictions_of(self)

    def clean(self):
        super().clean()
        if self.body and has_empty_parts(self.body):
            self.body = without_empty_parts(self.body)
        errors = merge(
            validate_period(self.start_date, self.end_date),
            # A negative amount is reported once, by the field's own validator.
            validate_amounts(_not_negative(self.grant_amount), _not_negative(self.total_budget)),
            validate_status_dates(self.status, self.start_date, self.end_date),
        )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.municipality_id = self.municipality_from_tree()
        return super().save(*args, **kwargs)

    def municipality_from_tree(self) -> int | None:
        """The municipality of the MunicipalityPage this case lives under."""
        if not self.path or self.depth is None or self.depth < 2:
            return self.municipality_id
        parent_path = self.path[: -self.steplen]
        return (
            MunicipalityPage.objects.filter(path=parent_path)
            .values_list("municipality_id", flat=True)
            .first()
        ) or self.municipality_id

    def public_inspirations(self) -> list:
        """This case's "inspired by" links whose source anyone may see. Works on the in-memory
        links of a preview too."""
        links = list(self.inspirations.all())
        visible = set(
            public_cases()
            .filter(pk__in=[link.source_id for link in links])
            .values_list("pk", flat=True)
        )
        return [link for link in links if link.source_id in visible]

    def inspired_cases_live(self):
        """Cases that name this one as their inspiration: the other end of the link."""
        if self.pk is None:  # a new page in preview
            return CaseStudyPage.objects.none()
        return (
            public_cases()
            .filter(inspirations__source=self)
            .select_related("municipality")
            .distinct()
        )


def _not_negative(amount: int | None) -> int | None:
    return None if amount is None or amount < 0 else amount


def public_cases() -> models.QuerySet:
    """The one definition of a case anyone may see: published (live) and in no private section –
    neither the page nor an ancestor (its municipality page, /kommuner/ …) has a view restriction
    (password, login or groups). Search documents, listings, feeds, the API, figures, exports,
    open data and the sitemap all start from this.

    Call it per use: Wagtail's `.public()` reads the restrictions when it is called."""
    return CaseStudyPage.objects.live().public()
