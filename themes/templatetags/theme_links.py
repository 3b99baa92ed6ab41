from django import template

from themes.models import ThemeIndexPage

register = template.Library()


def _theme_index(context) -> ThemeIndexPage | None:
    """The /teman/ page, looked up once per rendering rather than once per link."""
    if "_theme_index" not in context.render_context:
        context.render_context["_theme_index"] = ThemeIndexPage.live_pages().first()
    return context.render_context["_theme_index"]


@register.simple_tag(takes_context=True)
def theme_url(context, theme) -> str:
    index = _theme_index(context)
    return index.theme_url(theme) if index else ""


@register.simple_tag(takes_context=True)
def keyword_url(context, keyword) -> str:
    index = _theme_index(context)
    return index.keyword_url(keyword) if index else ""


@register.simple_tag
def name_lang(item) -> str:
    """` lang="sv"` when a focus area's or target group's shown name is not in the interface's
    language (no English name given), so that screen readers pronounce it right."""
    from django.utils.safestring import mark_safe
    from django.utils.translation import get_language

    active = (get_language() or "sv").split("-")[0]
    shown = getattr(item, "display_language", "sv")
    return "" if shown == active else mark_safe(f' lang="{shown}"')


@register.simple_tag(takes_context=True)
def theme_names(context, names) -> list[dict]:
    """Focus-area names as search documents carry them (Swedish), each as {name, lang}: in
    English where the focus area has an English name. One query per request, and none on the
    Swedish site."""
    from django.utils.translation import get_language

    from themes.models import Theme

    active = (get_language() or "sv").split("-")[0]
    if active == "sv":
        return [{"name": name, "lang": ""} for name in names]
    request = context.get("request")
    english = getattr(request, "_english_theme_names", None)
    if english is None:
        english = dict(Theme.objects.exclude(name_en="").values_list("name", "name_en"))
        if request is not None:
            request._english_theme_names = english
    return [
        {"name": english[name], "lang": ""} if name in english else {"name": name, "lang": "sv"}
        for name in names
    ]


@register.simple_tag
def facet_name(value) -> dict:
    """A facet value's label in the visitor's language, as {name, lang}: the English label that
    search documents carry on the English site, else the Swedish one marked lang="sv"."""
    from django.utils.translation import get_language

    active = (get_language() or "sv").split("-")[0]
    english = getattr(value, "label_en", "")
    if active == "sv":
        return {"name": value.label, "lang": ""}
    if english and english != value.label:
        return {"name": english, "lang": ""}
    return {"name": value.label, "lang": "sv"}
