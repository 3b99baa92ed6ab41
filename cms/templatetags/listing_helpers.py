"""Presentation helpers for the case listings of search/templatetags/case_listings.py."""

from django import template

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
