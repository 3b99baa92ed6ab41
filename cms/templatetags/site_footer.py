"""The site footer, rendered once per content version and language (core/content_version.py).

It shows the site settings and a link to the accessibility statement page – three queries on
every page otherwise (the settings, the page, the site for its address). Saving the settings,
publishing a page or editing a site sets a new content version (cms/signal_handlers.py), so the
next request shows the change.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from cms.models import SiteSettings
from core.content_version import cached

register = template.Library()


def footer_context(request) -> dict:
    site_settings = SiteSettings.load(request_or_site=request)
    statement = site_settings.accessibility_statement
    return {
        "organisation_name": site_settings.organisation_name,
        "contact_email": site_settings.contact_email,
        "statement_url": statement.get_url(request=request) if statement else "",
    }


def render_footer(request) -> str:
    return render_to_string("includes/site_footer.html", footer_context(request)).strip()


@register.simple_tag(takes_context=True)
def site_footer(context) -> str:
    request = context.get("request")
    if request is None:
        return mark_safe(render_footer(None))
    # The host is part of the key: a statement on another site is linked with its full address.
    return mark_safe(cached("site_footer", (request.get_host(),), lambda: render_footer(request)))
