"""What a page tells search engines and link previews: description, canonical address, Open Graph.

`share_meta(context)` reads the template context of any public page – a Wagtail page, a route of
a routable page (a theme, a keyword), the search page, a 404 – and returns a `ShareMeta` that
templates/includes/head_meta.html prints.

Absolute addresses are built from the request (scheme and host, the host checked against
ALLOWED_HOSTS), not from Wagtail's Site record: setup_site creates that record as "localhost", and
the request's address is the one visitors and crawlers actually use.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import unescape

from django.templatetags.static import static
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.images.models import SourceImageIOError

from cases.models import CaseStudyPage, MunicipalityIndexPage, MunicipalityPage
from themes.models import ThemeIndexPage

SITE_NAME = "Kunskapsbanken"
DESCRIPTION_LENGTH = 160
IMAGE_FILTER = "fill-1200x630|format-jpeg"
DEFAULT_IMAGE = ("img/og-default.png", 1200, 630)
SEARCH_URL_NAME = "search"


@dataclass(frozen=True)
class ShareImage:
    url: str
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class ShareMeta:
    title: str
    description: str
    canonical_url: str | None
    robots: str | None
    og_type: str
    image: ShareImage | None
    published_time: str | None = None
    modified_time: str | None = None


def plain_text(value, length: int = DESCRIPTION_LENGTH) -> str:
    """Rich text or plain text as one line of at most `length` characters."""
    text = " ".join(unescape(strip_tags(str(value or ""))).split())
    return Truncator(text).chars(length)


def share_meta(context) -> ShareMeta:
    request = context.get("request")
    page = context.get("page")
    is_404 = "request_path" in context and "exception" in context  # Django's page_not_found
    is_search = _url_name(request) == SEARCH_URL_NAME
    robots = None
    if is_404:
        robots = "noindex"
    elif is_search and request.GET:
        # Result pages are endless variations of /sok/ itself; crawlers may follow their links.
        robots = "noindex, follow"
    return ShareMeta(
        title=_title(context, page, is_search, is_404),
        description=plain_text(_description(context, page, is_search)),
        canonical_url=None if is_404 else _canonical_url(request, page),
        robots=robots,
        og_type="article" if isinstance(page, CaseStudyPage) else "website",
        image=_image(request, page),
        published_time=_iso(getattr(page, "first_published_at", None), page),
        modified_time=_iso(getattr(page, "last_published_at", None), page),
    )


def _url_name(request) -> str | None:
    match = getattr(request, "resolver_match", None)
    return match.url_name if match else None


def _title(context, page, is_search: bool, is_404: bool) -> str:
    if context.get("page_title"):
        return str(context["page_title"])
    if page is not None:
        return page.seo_title or page.title
    if is_search:
        return _("Search cases")
    if is_404:
        return _("Page not found")
    return SITE_NAME


def _description(context, page, is_search: bool) -> str:
    theme, keyword = context.get("theme"), context.get("keyword")
    if theme is not None:
        return theme.description or _(
            "Initiatives in the focus area %(name)s, described by the municipalities that "
            "carried them out: what they did, what it gave and what did not work."
        ) % {"name": theme.display_name}
    if keyword is not None:
        return _("Initiatives by municipalities in the state grant with the keyword %(name)s.") % {
            "name": keyword.display_name
        }
    if page is None:
        if is_search:
            return _(
                "Search the municipalities' initiatives by text, focus area, municipality, county, "
                "status and evidence."
            )
        return _site_description()
    for field in ("search_description", "summary", "plan_summary", "intro", "overview"):
        text = plain_text(getattr(page, field, ""))
        if text:
            return text
    if isinstance(page, MunicipalityPage):
        return _(
            "How %(name)s works with the state grant for municipalities with socioeconomic "
            "challenges: its plan, its grants and its initiatives."
        ) % {"name": page.title}
    if isinstance(page, MunicipalityIndexPage):
        return _("The municipalities taking part in the state grant, by county, with their cases.")
    if isinstance(page, ThemeIndexPage):
        return _("The focus areas of the state grant and the municipalities' cases in each.")
    return _site_description()


def _site_description() -> str:
    return _(
        "Kunskapsbanken collects experience from the municipalities in the state grant for "
        "municipalities with socioeconomic challenges: what they did, what it gave and what "
        "did not work."
    )


def _canonical_url(request, page) -> str | None:
    if request is None:
        return None
    path = request.path
    if getattr(request, "is_preview", False) and page is not None:
        path = page.url or path  # an admin preview stands for the page's public address
    return request.build_absolute_uri(path)


def _image(request, page) -> ShareImage | None:
    if request is None:
        return None
    hero = getattr(page, "hero_image", None) if isinstance(page, CaseStudyPage) else None
    if hero is not None:
        try:
            # get_renditions, unlike get_rendition, does not write a rendition read with the
            # image back to the cache (a database write on every view in the default set-up).
            (rendition,) = hero.get_renditions(IMAGE_FILTER).values()
        except SourceImageIOError:  # the original file is missing: share the default instead
            rendition = None
        if rendition is not None:
            return ShareImage(
                url=request.build_absolute_uri(rendition.url),
                width=rendition.width,
                height=rendition.height,
                alt=hero.default_alt_text,
            )
    path, width, height = DEFAULT_IMAGE
    return ShareImage(
        url=request.build_absolute_uri(static(path)),
        width=width,
        height=height,
        alt=_("Kunskapsbanken – experience from municipalities with socioeconomic challenges"),
    )


def _iso(moment, page) -> str | None:
    if moment is None or not isinstance(page, CaseStudyPage):
        return None
    return moment.isoformat(timespec="seconds")
