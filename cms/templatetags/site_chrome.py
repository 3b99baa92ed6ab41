"""Small helpers for the page frame: the current navigation item, printable link addresses and the
page's addresses in the other interface language (core/language_urls.py)."""

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from core.language_urls import language_path, split_language

register = template.Library()

# The site's fixed sections (cms/site_structure.py), named as the navigation names them.
SECTION_TITLES = {
    "kommuner": _("Municipalities"),
    "teman": _("Focus areas"),
    "om": _("About"),
    "tillganglighetsredogorelse": _("Accessibility statement"),
}
SECTION_DEPTH = 3  # children of the home page


def _request_path(context) -> str:
    request = context.get("request")
    return getattr(request, "path", "") or "/"


@register.simple_tag(takes_context=True)
def nav_current(context, section: str) -> str:
    """` aria-current="page"` on the link to the page itself, ` aria-current="true"` on the link
    to the section the page lies in, '' otherwise. `section` is the Swedish path."""
    _language, path = split_language(_request_path(context))
    if path == section:
        return mark_safe(' aria-current="page"')
    if section != "/" and path.startswith(section):
        return mark_safe(' aria-current="true"')
    return ""


@register.simple_tag
def lang_path(path: str) -> str:
    """A site path in the active interface language: "/kommuner/" is "/en/kommuner/" in English."""
    return language_path(path, get_language() or settings.LANGUAGE_CODE)


@register.simple_tag(takes_context=True)
def other_languages(context) -> list[dict]:
    """The language switcher's links: this page (with its query) in every other language."""
    request = context.get("request")
    path = _request_path(context)
    query = request.META.get("QUERY_STRING", "") if request is not None else ""
    active = get_language() or settings.LANGUAGE_CODE
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": language_path(path, code) + (f"?{query}" if query else ""),
        }
        for code, _name in settings.LANGUAGES
        if code != active
    ]


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[dict]:
    """hreflang alternates of this page: every language, and x-default (the Swedish address)."""
    request = context.get("request")
    if request is None:
        return []
    path = _request_path(context)
    alternates = [
        {"code": code, "url": request.build_absolute_uri(language_path(path, code))}
        for code, _name in settings.LANGUAGES
    ]
    default = request.build_absolute_uri(language_path(path, settings.LANGUAGE_CODE))
    return [*alternates, {"code": "x-default", "url": default}]


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    """The full address of a site-relative URL, for paper, where a link cannot be followed."""
    request = context.get("request")
    if not url or request is None:
        return url or ""
    return request.build_absolute_uri(url)


@register.filter
def crumb_title(page) -> str:
    """A page's name in the breadcrumbs: on the Swedish site its title as editors wrote it; in
    another language the fixed sections by their translated navigation names."""
    if (get_language() or settings.LANGUAGE_CODE) == settings.LANGUAGE_CODE:
        return page.title
    if page.depth == SECTION_DEPTH and page.slug in SECTION_TITLES:
        return str(SECTION_TITLES[page.slug])
    return page.title
