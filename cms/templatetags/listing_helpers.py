"""Presentation helpers around the case listings of search/templatetags/case_listings.py."""

from django import template

from cases.choices import EvidenceLevel
from search.forms import params_from_request
from search.request import SearchRequest
from search.templatetags.case_listings import cached_search

register = template.Library()


@register.simple_tag
def facet_counts(listing, facet: str) -> dict[str, int]:
    """`{% facet_counts listing "themes" as counts %}`: facet value (slug or code) -> case count,
    from a listing the page already made, so counts agree with the cases listed and with /sok/."""
    return {value.value: value.count for value in listing.facets.get(facet, [])}


@register.filter
def lookup(mapping, key):
    """`{{ counts|lookup:theme.slug }}`: a dictionary value by a key held in a variable."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.simple_tag
def evaluated_cases(limit: int = 3) -> dict:
    """The home page's showcase: published cases evaluated with good results that report measured
    indicators, newest first. Returns the listing and the /sok/ address of the same request, so
    "see all" shows exactly these cases and more.

    The listing tag (`listed_cases`) filters only by focus area, keyword and municipality; this
    asks the same search service with the evidence filters of /sok/."""
    request = SearchRequest(
        evidence_levels=(EvidenceLevel.EVALUATED_GOOD.value,),
        has_indicators=True,
        sort="newest",
        page_size=int(limit),
    ).normalised()
    query = params_from_request(request).urlencode()
    return {"listing": cached_search(request), "search_url": f"/sok/?{query}"}
