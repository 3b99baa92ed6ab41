from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import PageChooserPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cases.blocks import RICH_TEXT_FEATURES, DocumentLinkBlock, ImageBlock, QuoteBlock, TextBlock
from cases.models import MunicipalityPage
from cases.models.links import optional_link
from cases.panels import field_panels, page_content
from themes.models import Theme

from .routing import PathRouteMixin

__all__ = ["HomePage", "SiteSettings", "StandardPage"]


class HomePage(PathRouteMixin, Page):
    """The start page: what the platform is, the focus areas, evaluated and latest cases and the
    participating municipalities by county."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = page_content("intro")
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cases.MunicipalityIndexPage", "themes.ThemeIndexPage", "cms.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        """Focus areas and participating municipalities; the case listings (latest, evaluated)
        come from the search service through template tags, like every other listing."""
        context = super().get_context(request, *args, **kwargs)
        context["themes"] = Theme.objects.all()
        context["counties"] = participants_by_county()
        return context


def participants_by_county() -> list[tuple[str, list[MunicipalityPage]]]:
    """Published municipality pages as (county name, pages) in county and name order."""
    pages = (
        MunicipalityPage.objects.live()
        .public()
        .select_related("municipality")
        .order_by("municipality__county_name", "municipality__name")
    )
    counties: dict[str, list[MunicipalityPage]] = {}
    for page in pages:
        counties.setdefault(page.municipality.county_name, []).append(page)
    return list(counties.items())


class StandardPage(Page):
    """A plain page for 'About', the accessibility statement and similar texts."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(
        [
            # h2 as well: the page's own sections sit directly under its h1.
            ("text", TextBlock(label=_("Text"), features=["h2", *RICH_TEXT_FEATURES])),
            ("image", ImageBlock()),
            ("quote", QuoteBlock()),
            ("document", DocumentLinkBlock()),
        ],
        verbose_name=_("body"),
        blank=True,
    )

    content_panels = page_content("intro", "body")
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="cog")
class SiteSettings(BaseGenericSetting):
    """Values editors change without a deploy: who runs the site and how to reach them."""

    organisation_name = models.CharField(
        _("organisation"), max_length=150, default="Kunskapsbanken"
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    accessibility_statement = optional_link("wagtailcore.Page", _("accessibility statement page"))

    panels = field_panels(
        "organisation_name", "contact_email", PageChooserPanel("accessibility_statement")
    )

    class Meta:
        verbose_name = _("site settings")
