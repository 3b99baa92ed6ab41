"""themes/templatetags/theme_links.py: links to focus-area and keyword pages, and names shown in
the visitor's language with a lang attribute where they are not."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from themes.models import Keyword, TargetGroup, Theme, ThemeIndexPage


def _render(source: str, **context) -> str:
    return Template("{% load theme_links %}" + source).render(Context(context))


def _render_in(language: str, source: str, **context) -> str:
    with translation.override(language):
        return _render(source, **context)


@pytest.mark.django_db
def test_theme_and_keyword_links_lead_to_their_pages(client):
    theme = Theme.objects.get(slug="grundskola")
    keyword = Keyword.objects.create(name="Läxhjälp i biblioteket")
    html = _render("{% theme_url theme %} {% keyword_url keyword %}", theme=theme, keyword=keyword)
    theme_link, keyword_link = html.split()
    assert theme_link == "/teman/grundskola/"
    # Keyword slugs keep Swedish letters; the link carries them percent-encoded.
    assert keyword_link == "/teman/nyckelord/l%C3%A4xhj%C3%A4lp-i-biblioteket/"
    assert "<h1>Läxhjälp i biblioteket</h1>" in client.get(keyword_link).content.decode()


@pytest.mark.django_db
def test_links_look_up_the_theme_index_once_per_rendering(django_assert_num_queries):
    themes = list(Theme.objects.all())
    with django_assert_num_queries(1):
        html = _render("{% for t in themes %}{% theme_url t %};{% endfor %}", themes=themes)
    assert html.count("/teman/") == len(themes)


@pytest.mark.django_db
def test_without_a_published_theme_index_no_link_is_made():
    ThemeIndexPage.objects.live().get().unpublish()
    assert _render("{% theme_url theme %}", theme=Theme.objects.first()) == ""


def test_name_lang_marks_a_name_not_in_the_interface_language():
    translated = TargetGroup(name="Nyanlända", name_en="Newly arrived")
    untranslated = TargetGroup(name="Nyanlända")
    source = "<li{% name_lang item %}>{{ item.display_name }}</li>"
    assert _render_in("en", source, item=translated) == "<li>Newly arrived</li>"
    assert _render_in("en", source, item=untranslated) == '<li lang="sv">Nyanlända</li>'
    assert _render_in("sv", source, item=translated) == "<li>Nyanlända</li>"


@pytest.mark.django_db
def test_theme_names_are_english_on_the_english_site_where_an_english_name_exists():
    Theme.objects.create(name="Utan översättning", slug="utan-oversattning")
    names = ["Grundskola", "Utan översättning"]
    source = (
        "{% theme_names names as shown %}"
        '{% for item in shown %}<span{% if item.lang %} lang="{{ item.lang }}"{% endif %}>'
        "{{ item.name }}</span>{% endfor %}"
    )
    request = RequestFactory().get("/en/")
    english = _render_in("en", source, names=names, request=request)
    assert english == '<span>Compulsory school</span><span lang="sv">Utan översättning</span>'
    swedish = _render_in("sv", source, names=names, request=request)
    assert swedish == "<span>Grundskola</span><span>Utan översättning</span>"


def test_facet_names_follow_the_language_of_the_site():
    value = SimpleNamespace(label="Nyanlända", label_en="Newly arrived")
    untranslated = SimpleNamespace(label="Byalag", label_en="")
    source = "{% facet_name value as shown %}{{ shown.name }}|{{ shown.lang }}"
    assert _render_in("en", source, value=value) == "Newly arrived|"
    assert _render_in("en", source, value=untranslated) == "Byalag|sv"
    assert _render_in("sv", source, value=value) == "Nyanlända|"
