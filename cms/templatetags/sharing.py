from django import template

from cms.sharing import share_meta as build_share_meta

register = template.Library()


@register.simple_tag(takes_context=True)
def share_meta(context):
    """`{% share_meta as meta %}`: description, canonical address and Open Graph of this page."""
    return build_share_meta(context)
