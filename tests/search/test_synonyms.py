"""Synonyms that editors keep: the snippet, who may edit it, and that a new group works at once."""

import re
from datetime import date
from http import HTTPStatus

import pytest
from django.http import QueryDict
from django.urls import reverse

from search import synonyms
from search.analysis.synonyms import current, seed_groups
from search.analytics import week_of
from search.analytics_models import SearchWeekStat
from search.documents import case_document
from search.forms import request_from_params
from search.service import search_cases
from search.synonyms_models import SynonymGroup
from tests.factories import make_case

pytestmark = pytest.mark.django_db

ADD_URL = "wagtailsnippets_case_search_synonymgroup:add"
LIST_URL = "wagtailsnippets_case_search_synonymgroup:list"


def _total(query: str) -> int:
    return search_cases(request_from_params(QueryDict(query))).total


def test_the_shipped_list_is_in_the_admin_from_the_start():
    shipped = [group for group in seed_groups() if len(group) > 1]
    assert SynonymGroup.objects.count() == len(shipped)
    sfi = next(group for group in SynonymGroup.objects.all() if "sfi" in group.terms)
    assert "svenska för invandrare" in sfi.terms
    assert sfi.kind == SynonymGroup.Kind.ACRONYM
    assert synonyms.active_groups()  # what the analysis reads


def test_current_follows_saves_deactivations_and_deletes():
    group = SynonymGroup.objects.create(words="grannvägledare\nkvarterslots")
    assert ("grannvägledare", "kvarterslots") in current().groups
    group.active = False
    group.save()
    assert ("grannvägledare", "kvarterslots") not in current().groups
    group.active = True
    group.save()
    assert ("grannvägledare", "kvarterslots") in current().groups
    group.delete()
    assert ("grannvägledare", "kvarterslots") not in current().groups


def test_a_moderator_adds_a_group_in_the_swedish_admin(client, moderator):
    client.force_login(moderator)
    listing = client.get(reverse(LIST_URL))
    assert listing.status_code == HTTPStatus.OK
    assert reverse(LIST_URL) in client.get(reverse("wagtailadmin_home")).content.decode()  # menu
    response = client.post(
        reverse(ADD_URL),
        {"words": "Grannvägledare, kvarterslots", "kind": "synonym", "note": "", "active": "on"},
    )
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    group = SynonymGroup.objects.get(words__contains="grannvägledare")
    assert group.words == "grannvägledare\nkvarterslots"


def test_a_group_of_one_word_is_refused_in_swedish(client, moderator):
    client.force_login(moderator)
    response = client.post(
        reverse(ADD_URL), {"words": "ensamord", "kind": "synonym", "note": "", "active": "on"}
    )
    assert response.status_code == HTTPStatus.OK
    assert "Skriv minst två ord eller fraser som betyder samma sak." in response.content.decode()
    assert not SynonymGroup.objects.filter(words__contains="ensamord").exists()


def test_municipality_editors_cannot_reach_the_synonyms(client, filipstad_editor):
    client.force_login(filipstad_editor)
    for url in (reverse(LIST_URL), reverse(ADD_URL)):
        response = client.get(url)
        assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN), url
        assert "kvarterslots" not in response.content.decode()
    response = client.post(
        reverse(ADD_URL), {"words": "a1b2c3, d4e5f6", "kind": "synonym", "active": "on"}
    )
    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
    assert not SynonymGroup.objects.filter(words__contains="a1b2c3").exists()
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(LIST_URL) not in home  # no menu item


def test_a_zero_result_query_links_to_a_prefilled_add_form(client, moderator):
    SearchWeekStat.objects.create(
        week=week_of(date.today()), query="hemmasittare", searches=4, zero_results=4
    )
    SearchWeekStat.objects.create(week=week_of(date.today()), query="läxhjälp", searches=9)
    client.force_login(moderator)
    html = client.get(reverse("search_statistics")).content.decode()
    links = re.findall(r'<a class="add-synonym" href="([^"]+)">Lägg till synonym', html)
    assert len(links) == 1  # the zero-result row only
    assert links[0] == reverse(ADD_URL) + "?ord=hemmasittare"
    form = client.get(links[0]).content.decode()
    assert re.search(r"<textarea[^>]*name=\"words\"[^>]*>\s*hemmasittare\s*</textarea>", form)


def test_a_synonym_added_in_the_admin_finds_cases_at_once(
    client, moderator, search_backend, filipstad
):
    case = make_case(
        filipstad,
        title="Kvarterslotsar i Filipstad",
        summary="Kvarterslotsar möter nyinflyttade familjer i bostadsområdet.",
    )
    search_backend.index([case_document(case)])
    assert _total("q=grannvägledare") == 0
    client.force_login(moderator)
    response = client.post(
        reverse(ADD_URL),
        {"words": "grannvägledare\nkvarterslots", "kind": "synonym", "active": "on"},
    )
    assert response.status_code == HTTPStatus.FOUND
    result = search_cases(request_from_params(QueryDict("q=grannvägledare")))
    assert case.pk in {hit.page_id for hit in result.hits}
    assert not result.degraded  # the cluster itself answered, no push needed
