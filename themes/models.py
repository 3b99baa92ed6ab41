"""The taxonomy cases are described with: curated focus areas, target groups and free keywords."""

from django.db import models
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from taggit.models import TagBase
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from themes.listing_dates import newest_listed

__all__ = ["Keyword", "TargetGroup", "Theme", "ThemeIndexPage"]


class EnglishNameMixin(models.Model):
    """A curated name in English for the English site; Swedish where none is given."""

    name_en = models.CharField(
        _("name in English"),
        max_length=100,
        blank=True,
        help_text=_("Shown on the English site. Empty: the Swedish name is shown."),
    )

    class Meta:
        abstract = True

    @property
    def display_name(self) -> str:
        language = (get_language() or "sv").split("-")[0]
        return self.name_en if language == "en" and self.name_en else self.name

    @property
    def display_language(self) -> str:
        """The language display_name is in, for a lang attribute."""
        return "en" if self.display_name == self.name_en and self.name_en else "sv"


class Theme(EnglishNameMixin):
    """A focus area of the grant programme, curated by agency staff (e.g. "Grundskola")."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        allow_unicode=False,
        help_text=_("Used in the address /teman/<slug>/. Lower-case letters, digits and hyphens."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("One or two sentences shown on the theme page.")
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=100)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self) -> str:
        return self.name


class TargetGroup(EnglishNameMixin):
    """Who an initiative is for (children, newly arrived, job seekers...); agency-edited."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=100)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")

    def __str__(self) -> str:
        return self.name


class Keyword(TagBase, EnglishNameMixin):
    """A free keyword on a case.

    A tag model of its own (rather than taggit's shared Tag) keeps case keywords apart from the tags
    editors put on images and documents, so keyword lists and facets show only case vocabulary.
    """

    # taggit's own labels have no Swedish translation: the admin showed "Name" and "Slug".
    name = models.CharField(_("name"), unique=True, max_length=100)
    slug = models.SlugField(_("slug"), unique=True, max_length=100, allow_unicode=True)

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("keyword")
        verbose_name_plural = _("keywords")

    def __str__(self) -> str:
        return self.name


class ThemeIndexPage(RoutablePageMixin, Page):
    """/teman/: lists the focus areas and serves one page per theme and per keyword."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("theme index page")

    @classmethod
    def live_pages(cls):
        """Published theme index pages, read from this page type's own table first: ordered by
        the page tree instead, the database walks every page before /teman/ in path order –
        all the cases under /kommuner/ (100 ms at 100,000 cases)."""
        return cls.objects.live().order_by("page_ptr_id")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["themes"] = Theme.objects.all()
        return context

    @path("")
    def theme_list(self, request):
        return self.render(request)

    @path("<slug:theme_slug>/")
    def theme_detail(self, request, theme_slug):
        theme = get_object_or_404(Theme.objects.all(), slug=theme_slug)
        return self.render(
            request,
            context_overrides={"theme": theme, "page_title": theme.display_name},
            template="themes/theme_page.html",
        )

    @path("nyckelord/<str:keyword_slug>/")
    def keyword_detail(self, request, keyword_slug):
        keyword = get_object_or_404(Keyword.objects.all(), slug=keyword_slug)
        return self.render(
            request,
            context_overrides={"keyword": keyword, "page_title": keyword.display_name},
            template="themes/keyword_page.html",
        )

    def get_sitemap_urls(self, request=None):
        """/teman/, one entry per focus area and one per keyword that a public case carries. A
        theme or keyword page lists its cases, so it last changed when its newest public case
        was published; /teman/ lists them all."""
        entries = super().get_sitemap_urls(request)
        index = entries[0]
        newest = newest_listed()
        for slug in Theme.objects.values_list("slug", flat=True):
            newest["theme_detail"].setdefault(slug, None)
        for route, slugs in newest.items():
            for slug, changed in sorted(slugs.items()):
                entries.append(
                    {
                        "location": index["location"] + self.reverse_subpage(route, args=[slug]),
                        "lastmod": changed or index["lastmod"],
                    }
                )
        listed = [changed for slugs in newest.values() for changed in slugs.values() if changed]
        index["lastmod"] = max([index["lastmod"], *listed])
        return entries

    def theme_url(self, theme: Theme) -> str:
        return self.url + self.reverse_subpage("theme_detail", args=[theme.slug])

    def keyword_url(self, keyword: Keyword) -> str:
        return self.url + self.reverse_subpage("keyword_detail", args=[keyword.slug])
