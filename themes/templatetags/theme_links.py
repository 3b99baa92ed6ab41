from django import template

from themes.models import ThemeIndexPage

register = template.Library()


def _theme_index(context) -> ThemeIndexPage | None:
    """The /teman/ page, looked up once per rendering rather than once per link."""
    if "_theme_index" not in context.render_context:
        context.render_context["_theme_index"] = ThemeIndexPage.objects.live().first()
    return context.render_context["_theme_index"]


@register.simple_tag(takes_context=True)
def theme_url(context, theme) -> str:
    index = _theme_index(context)
    return index.theme_url(theme) if index else ""


@register.simple_tag(takes_context=True)
def keyword_url(context, keyword) -> str:
    index = _theme_index(context)
    return index.keyword_url(keyword) if index else ""
