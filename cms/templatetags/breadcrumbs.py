"""The breadcrumbs' links to a page's ancestors, rendered once per content version, page, host and
language (core/content_version.py): the ancestors' query and their addresses cost about 1 ms of
every page view otherwise. Publishing, moving or deleting a page sets a new version, so a changed
title or place shows at the next request."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from core.content_version import cached

from .site_chrome import crumb_title

register = template.Library()


def render_ancestors(page, request) -> str:
    ancestors = [ancestor for ancestor in page.get_ancestors() if ancestor.depth > 1]
    return format_html_join(
        "",
        '<li><a href="{}">{}</a></li>',
        ((ancestor.get_url(request=request), crumb_title(ancestor)) for ancestor in ancestors),
    )


@register.simple_tag(takes_context=True)
def ancestor_crumbs(context, page) -> str:
    request = context.get("request")
    if request is None or page.pk is None:  # a new page's preview has no place in the tree yet
        return render_ancestors(page, request)
    html = cached(
        "breadcrumbs", (request.get_host(), page.pk), lambda: render_ancestors(page, request)
    )
    return mark_safe(html)  # format_html_join escaped it before it was kept
