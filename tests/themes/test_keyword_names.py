"""Keywords have English names (#15 item 8): the case page, the keyword page and the moderators'
keyword list use them; the demo content gives every keyword one."""

import re

import pytest
from django.utils import translation

from cases.models import CaseStudyPage
from themes.models import Keyword

pytestmark = pytest.mark.django_db


def _case_with_keyword(name: str) -> CaseStudyPage:
    return CaseStudyPage.objects.live().filter(keywords__name=name).first()


def test_every_demo_keyword_has_an_english_name():
    used = Keyword.objects.filter(tagged_cases__isnull=False).distinct()
    assert used.count() > 50
    assert not used.filter(name_en="").exists()


def test_a_keyword_without_english_name_shows_the_swedish_one():
    keyword = Keyword(name="läxhjälp", name_en="homework help")
    untranslated = Keyword(name="byalag")
    with translation.override("en"):
        assert keyword.display_name == "homework help"
        assert untranslated.display_name == "byalag"
    with translation.override("sv"):
        assert keyword.display_name == "läxhjälp"


def test_case_page_names_keywords_and_focus_areas_in_english_on_the_english_site(client):
    case = _case_with_keyword("läxhjälp")
    english = client.get("/en" + case.url).content.decode()
    chips = re.search(r'<ul class="chip-list chip-list--keywords.*?</ul>', english, re.S).group(0)
    assert ">homework help</a>" in chips
    assert "läxhjälp" not in chips
    swedish = client.get(case.url).content.decode()
    chips = re.search(r'<ul class="chip-list chip-list--keywords.*?</ul>', swedish, re.S).group(0)
    assert ">läxhjälp</a>" in chips


def test_an_untranslated_keyword_is_marked_as_swedish_for_screen_readers(client):
    case = _case_with_keyword("läxhjälp")
    keyword = Keyword.objects.get(name="läxhjälp")
    keyword.name_en = ""
    keyword.save()
    html = client.get("/en" + case.url).content.decode()
    assert re.search(r'<li lang="sv"><a href="[^"]*">läxhjälp</a></li>', html)


def test_keyword_page_is_english_on_the_english_site(client):
    slug = Keyword.objects.get(name="läxhjälp").slug
    html = client.get(f"/en/teman/nyckelord/{slug}/").content.decode()
    assert "<h1>homework help</h1>" in html
    assert "<title>homework help – Kunskapsbanken</title>" in html
    crumbs = re.search(r'<nav class="breadcrumbs.*?</nav>', html, re.S).group(0)
    assert "homework help" in crumbs and ">Focus areas</a>" in crumbs
    swedish = client.get(f"/teman/nyckelord/{slug}/").content.decode()
    assert "<h1>läxhjälp</h1>" in swedish


def test_moderators_see_and_edit_the_english_name_and_usage(client, moderator):
    client.force_login(moderator)
    listing = client.get("/admin/snippets/themes/keyword/", {"q": "läxhjälp"})
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "homework help" in html
    used = Keyword.objects.get(name="läxhjälp").tagged_cases.count()
    assert re.search(rf"<td[^>]*>\s*{used}\s*</td>", html)
    keyword = Keyword.objects.get(name="läxhjälp")
    edit = client.get(f"/admin/snippets/themes/keyword/edit/{keyword.pk}/")
    assert 'name="name_en"' in edit.content.decode()
    client.post(
        f"/admin/snippets/themes/keyword/edit/{keyword.pk}/",
        {"name": "läxhjälp", "name_en": "help with homework", "slug": keyword.slug},
    )
    keyword.refresh_from_db()
    assert keyword.name_en == "help with homework"
