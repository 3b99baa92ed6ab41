"""Small helpers for the page frame: the current navigation item and printable link addresses."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_current(context, section: str) -> str:
    """` aria-current="page"` on the link to the page itself, ` aria-current="true"` on the link
    to the section the page lies in, '' otherwise."""
    request = context.get("request")
    path = getattr(request, "path", "")
    if path == section:
        return mark_safe(' aria-current="page"')
    if section != "/" and path.startswith(section):
        return mark_safe(' aria-current="true"')
    return ""


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    """The full address of a site-relative URL, for paper, where a link cannot be followed."""
    request = context.get("request")
    if not url or request is None:
        return url or ""
    return request.build_absolute_uri(url)
