"""Tags for the workflow e-mails (cms/templates/wagtailadmin/notifications/): absolute links on
the site's root URL and the moderator's comment on an approval."""

from django import template

from cms.review_state import last_approval
from cms.site_url import absolute_url

register = template.Library()


@register.simple_tag
def public_url(page) -> str:
    """The page's public address on SITE_URL ("" when the page has no public route)."""
    parts = page.get_url_parts()
    return absolute_url(parts[2]) if parts else ""


@register.simple_tag
def admin_url(path: str) -> str:
    return absolute_url(path)


@register.simple_tag
def approval_comment(page) -> str:
    note = last_approval(page)
    return note.comment if note else ""
