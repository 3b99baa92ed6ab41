from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cases.panels import field_panels, page_content, page_promote

from .contact import ContactFields
from .example import ExampleFlag
from .links import optional_link
from .municipality import Municipality

OVERVIEW_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class MunicipalityIndexPage(Page):
    """/kommuner/: the participating municipalities, grouped by county."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = page_content("intro")
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cases.MunicipalityPage"]
    max_count = 1

    class Meta:
        verbose_name = _("municipality index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        pages = (
            MunicipalityPage.objects.child_of(self)
            .live()
            .public()
            .select_related("municipality")
            .order_by("municipality__county_name", "municipality__name")
        )
        counties: dict[str, list[MunicipalityPage]] = {}
        for page in pages:
            counties.setdefault(page.municipality.county_name, []).append(page)
        context["counties"] = counties
        return context


class MunicipalityPage(ExampleFlag, ContactFields, Page):
    """A participating municipality: its overall plan, grants and, below it, its cases."""

    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="page",
    )
    overview = RichTextField(_("overview"), blank=True, features=OVERVIEW_FEATURES)
    plan_summary = models.TextField(
        _("overall development plan"),
        blank=True,
        help_text=_("A short summary of the municipality's overall plan for the grant."),
    )
    development_plan = optional_link("wagtaildocs.Document", _("development plan document"))

    content_panels = page_content(
        # Only moderators may re-point a page to another municipality; editors see it read-only.
        FieldPanel("municipality", permission="cases.change_municipality"),
        "overview",
        MultiFieldPanel(
            field_panels("plan_summary", "development_plan"),
            heading=_("Overall development plan"),
        ),
        ContactFields.contact_panel(),
    )
    promote_panels = page_promote("is_example")
    search_fields = [*Page.search_fields, index.SearchField("overview")]
    parent_page_types = ["cases.MunicipalityIndexPage"]
    subpage_types = ["cases.CaseStudyPage"]

    class Meta:
        verbose_name = _("municipality page")
        verbose_name_plural = _("municipality pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        grants = self.municipality.grant_allocations.order_by("year", "purpose")
        context["grants"] = grants
        context["grant_total"] = sum(grant.amount for grant in grants)
        return context
