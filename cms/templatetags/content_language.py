"""`{% content_lang %}`: marks editor-written content with its language when the interface differs.

Editors write pages in Swedish (the site's default language). When a visitor switches the
interface to English, `<html lang>` says "en", so screen readers would read the Swedish case texts
with English pronunciation. Content containers therefore carry `lang="sv"` then – and nothing in
the Swedish interface, where the page language is already right.
"""

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


def content_language() -> str:
    return settings.LANGUAGE_CODE


@register.simple_tag
def content_lang() -> str:
    """` lang="sv"` when the active interface language is not the content's language, else ''."""
    language = content_language()
    active = get_language() or language
    if active.split("-")[0] == language.split("-")[0]:
        return ""
    return mark_safe(f' lang="{language}"')  # a language code from settings
