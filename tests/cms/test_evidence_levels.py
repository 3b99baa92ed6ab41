"""/om/evidensnivaer/ and the criteria behind it: data moderators edit in the admin, shown on the
page (and /en/), on case pages and in the case editor – and a change shows at the next request."""

import pytest

from cases.evidence import LADDER
from cases.models import CaseStudyPage, EvidenceLevelCriterion

PAGE = "/om/evidensnivaer/"


def _edit_url(criterion) -> str:
    return f"/admin/snippets/cases/evidencelevelcriterion/edit/{criterion.pk}/"


def _form(criterion, **changes) -> dict:
    data = {
        "criteria": criterion.criteria,
        "criteria_en": criterion.criteria_en,
        "what_counts": criterion.what_counts,
        "what_counts_en": criterion.what_counts_en,
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_every_level_is_seeded_with_its_criteria_in_both_languages():
    rows = {row.level: row for row in EvidenceLevelCriterion.objects.all()}
    assert set(rows) == set(LADDER)
    assert rows["no_effect"].criteria.startswith("En utvärdering med beskriven metod visade ingen")
    assert rows["tried_in_several"].criteria_en.startswith("Cases in at least two other")


@pytest.mark.django_db
def test_the_page_lists_the_ladder_in_order_with_the_new_levels(client):
    html = client.get(PAGE).content.decode()
    positions = [html.index(f'id="niva-{level.replace("_", "-")}"') for level in LADDER]
    assert positions == sorted(positions)
    assert "Prövad i flera kommuner" in html
    assert "Ingen effekt påvisad" in html
    assert "Den här nivån väljs inte av kommunen" in html
    assert "Vad som räknas:" in html


@pytest.mark.django_db
def test_an_edited_criterion_shows_at_the_next_anonymous_request(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    client.get(PAGE)  # now in the page cache
    criterion = EvidenceLevelCriterion.objects.get(level="promising")
    criterion.criteria = "Ny text: mätt förändring hos målgruppen."
    criterion.save()
    assert "Ny text: mätt förändring hos målgruppen." in client.get(PAGE).content.decode()
    case = CaseStudyPage.objects.live().filter(evidence_level="promising").first()
    assert "Ny text: mätt förändring hos målgruppen." in client.get(case.url).content.decode()


@pytest.mark.django_db
def test_the_english_page_shows_the_english_text_or_marks_the_swedish_one(client):
    html = client.get(f"/en{PAGE}").content.decode()
    assert "Cases in at least two other municipalities" in html
    assert "No effect shown" in html
    EvidenceLevelCriterion.objects.filter(level="promising").update(
        criteria_en="", what_counts_en=""
    )
    criterion = EvidenceLevelCriterion.objects.get(level="promising")
    criterion.save()  # a save bumps the content version
    html = client.get(f"/en{PAGE}").content.decode()
    assert f'<span lang="sv">{criterion.criteria}</span>' in html


@pytest.mark.django_db
def test_a_moderator_edits_a_criterion_in_the_admin(client, moderator):
    client.force_login(moderator)
    criterion = EvidenceLevelCriterion.objects.get(level="no_effect")
    listing = client.get("/admin/snippets/cases/evidencelevelcriterion/")
    assert listing.status_code == 200
    assert "Ingen effekt påvisad" in listing.content.decode()
    response = client.post(
        _edit_url(criterion), _form(criterion, criteria="Ingen skillnad mot jämförelsegruppen.")
    )
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert criterion.criteria == "Ingen skillnad mot jämförelsegruppen."


@pytest.mark.django_db
def test_an_empty_criterion_gets_a_swedish_field_error_and_nothing_is_lost(client, moderator):
    client.force_login(moderator)
    criterion = EvidenceLevelCriterion.objects.get(level="promising")
    before = criterion.criteria
    response = client.post(_edit_url(criterion), _form(criterion, criteria="   "))
    assert response.status_code == 200
    assert "Skriv nivåns kriterier" in response.content.decode()
    criterion.refresh_from_db()
    assert criterion.criteria == before


@pytest.mark.django_db
def test_levels_are_neither_added_nor_deleted_in_the_admin(client, moderator, superuser):
    criterion = EvidenceLevelCriterion.objects.get(level="promising")
    for user in (moderator, superuser):
        client.force_login(user)
        assert client.get("/admin/snippets/cases/evidencelevelcriterion/add/").status_code in (
            302,
            403,
        )
        delete = f"/admin/snippets/cases/evidencelevelcriterion/delete/{criterion.pk}/"
        assert client.post(delete).status_code in (302, 403)
        assert EvidenceLevelCriterion.objects.filter(pk=criterion.pk).exists()


@pytest.mark.django_db
def test_a_municipality_editor_cannot_edit_the_criteria(client, filipstad_editor):
    client.force_login(filipstad_editor)
    criterion = EvidenceLevelCriterion.objects.get(level="promising")
    before = criterion.criteria
    assert client.get(_edit_url(criterion)).status_code in (302, 403)
    client.post(_edit_url(criterion), _form(criterion, criteria="Kapad text."))
    criterion.refresh_from_db()
    assert criterion.criteria == before


@pytest.mark.django_db
def test_the_case_editor_shows_the_criteria_as_published(client, moderator):
    criterion = EvidenceLevelCriterion.objects.get(level="evaluated_good")
    criterion.criteria = "Redigerat kriterium för goda resultat."
    criterion.save()
    client.force_login(moderator)
    case = CaseStudyPage.objects.live().first()
    html = client.get(f"/admin/pages/{case.pk}/edit/").content.decode()
    assert "Redigerat kriterium för goda resultat." in html
    assert "Sätts automatiskt, kan inte väljas." in html
    assert 'value="tried_in_several"' not in html  # the derived level is not a choice
