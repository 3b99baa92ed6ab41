"""Case listings for page templates. Each answer is cached until published content changes
(core/content_version.py), so a page view costs a cache lookup instead of a search with facets."""

from django import template
from django.conf import settings
from django.urls import reverse

from cases.choices import EvidenceLevel
from cases.models import MunicipalityPage
from core.content_version import cached
from search.forms import params_from_request
from search.listing import ListingRequest, list_cases
from search.request import SearchRequest, SearchResult
from search.service import related_cases, search_cases

register = template.Library()


def _engine() -> tuple:
    """Which index answers: part of every key, so a changed engine never serves another's hits."""
    return (settings.SEARCH_ENGINE, settings.SEARCH_ENGINE_URL, settings.SEARCH_INDEX_PREFIX)


def _complete(result: SearchResult) -> bool:
    """A fallback answer while the cluster is down is shown but not kept."""
    return not result.degraded


def cached_search(request: SearchRequest) -> SearchResult:
    """`search_cases(request)` for listings on pages, cached until published content changes."""
    request = request.normalised()
    return cached("search", (request, _engine()), lambda: search_cases(request), keep=_complete)


@register.simple_tag
def listed_cases(theme=None, keyword=None, municipality=None, limit=12):
    """`{% listed_cases theme=theme limit=6 as listing %}`: cases through the search service."""
    request = ListingRequest(
        theme_slug=getattr(theme, "slug", theme),
        keyword_slug=getattr(keyword, "slug", keyword),
        municipality_code=getattr(municipality, "code", municipality),
        limit=int(limit),
    )
    return cached("listed_cases", (request, _engine()), lambda: list_cases(request), keep=_complete)


@register.simple_tag
def similar_cases(page, limit=4):
    """`{% similar_cases page as related %}`: like this case, other municipalities first."""
    if page.pk is None or not page.live:  # a preview of an unpublished case
        return []
    limit = int(limit)
    return cached(
        "similar_cases", (page.pk, limit, _engine()), lambda: related_cases(page.pk, limit=limit)
    )


@register.simple_tag
def peer_municipalities(page, limit=8):
    """Other municipalities with published cases in this case's focus areas, most cases first:
    peers an officer can contact. Counts come from the search service's municipality facet."""
    themes = tuple(theme.slug for theme in page.themes.all())
    if not themes or page.pk is None:
        return []
    facet = cached_search(SearchRequest(themes=themes, page_size=1)).facets.get(
        "municipalities", []
    )
    own = page.municipality.code if page.municipality else None
    counts = {value.value: value.count for value in facet if value.value != own}
    pages = {
        p.municipality.code: p
        for p in MunicipalityPage.objects.live()
        .public()
        .filter(municipality__code__in=counts)
        .select_related("municipality")
    }
    ranked = sorted(counts.items(), key=lambda item: (-item[1], pages.get(item[0]) is None))
    return [{"page": pages[code], "count": count} for code, count in ranked if code in pages][
        : int(limit)
    ]


@register.simple_tag
def evaluated_cases(limit: int = 3) -> dict:
    """The home page's showcase: published cases evaluated with good results that report measured
    indicators, newest first. Returns the listing and the /sok/ address of the same request, so
    "see all" shows exactly these cases and more.

    `listed_cases` filters only by focus area, keyword and municipality; this asks the same
    service with the evidence filters of /sok/."""
    request = SearchRequest(
        evidence_levels=(EvidenceLevel.EVALUATED_GOOD.value,),
        has_indicators=True,
        sort="newest",
        page_size=int(limit),
    ).normalised()
    query = params_from_request(request).urlencode()
    return {"listing": cached_search(request), "search_url": f"{reverse('search')}?{query}"}
