from django import template

from search.listing import ListingRequest, list_cases

register = template.Library()


@register.simple_tag
def listed_cases(theme=None, keyword=None, municipality=None, limit=12):
    """`{% listed_cases theme=theme limit=6 as cases %}`: cases through the search seam."""
    return list_cases(
        ListingRequest(
            theme_slug=getattr(theme, "slug", theme),
            keyword_slug=getattr(keyword, "slug", keyword),
            municipality_code=getattr(municipality, "code", municipality),
            limit=int(limit),
        )
    )
