"""Links from an evidence-level badge to its explanation on /om/evidensnivaer/."""

from django import template

from cms.evidence_levels import anchor

from .site_chrome import lang_path

register = template.Library()

PATH = "/om/evidensnivaer/"


@register.simple_tag
def evidence_level_url(level: str) -> str:
    """The level's place on the evidence-levels page, in the active language."""
    base = lang_path(PATH)
    return f"{base}#{anchor(level)}" if level else base
