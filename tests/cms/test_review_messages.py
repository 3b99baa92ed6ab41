"""Review that talks: the editor's main action, the words after each step, the moderator's
comment on the edit page and the draft banner in the preview."""

from __future__ import annotations

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from cases.models import CaseStudyPage
from tests.admin_forms import edit_form, postable
from tests.factories import make_case
from tests.workflow import request_changes, submit_for_review

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def _default_action(html: str) -> str:
    """The label of the edit page's main button: the first button of the footer's action menu."""
    footer = html[html.index("<footer") :]
    button = re.search(r"<button\b.*?</button>", footer, re.S).group(0)
    value = re.search(r'value="([^"]*)"', button)
    if value:
        return value.group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", button).split())


def test_send_for_review_is_the_editors_main_action(client, filipstad, filipstad_editor):
    case = make_case(filipstad, publish=False)
    client.force_login(filipstad_editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[case.pk])).content.decode()
    assert _default_action(html) == "Skicka till granskning"
    new = reverse("wagtailadmin_pages:add", args=("cases", "casestudypage", filipstad.pk))
    assert _default_action(client.get(new).content.decode()) == "Skicka till granskning"


def test_moderators_keep_publishing_first(client, filipstad, moderator):
    case = make_case(filipstad, publish=False)
    client.force_login(moderator)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[case.pk])).content.decode()
    assert _default_action(html) != "Skicka till granskning"


def test_saving_a_draft_of_a_live_case_says_the_public_page_is_unchanged(
    client, filipstad, filipstad_editor
):
    case = make_case(filipstad)
    client.force_login(filipstad_editor)
    url, data = edit_form(client, case)
    data["summary"] = "En ändrad sammanfattning."
    response = client.post(url, postable(data), follow=True)
    assert response.status_code == HTTPStatus.OK
    [message] = _messages(response)
    assert "Den publicerade sidan är oförändrad tills en moderator har godkänt" in message
    assert "uppdaterad" not in message


def test_moderator_hears_changes_requested_and_approved_in_those_words(
    client, filipstad, filipstad_editor, moderator
):
    case = submit_for_review(
        make_case(filipstad, publish=False, title="Språkcafé"), filipstad_editor
    )
    client.force_login(moderator)
    url, data = edit_form(client, case)
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = "reject"
    data["workflow-action-extra-data"] = '{"comment": "Lägg till resultat."}'
    [message] = _messages(client.post(url, postable(data), follow=True))
    assert message.startswith("Ändringar begärda: ”Språkcafé”")

    case = CaseStudyPage.objects.get(pk=case.pk)
    case.current_workflow_state.resume(filipstad_editor)
    url, data = edit_form(client, case)
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = "approve"
    [message] = _messages(client.post(url, postable(data), follow=True))
    assert message == "Godkänd och publicerad: ”Språkcafé”."
    assert CaseStudyPage.objects.get(pk=case.pk).live


def test_the_edit_page_shows_the_comment_and_one_way_back(
    client, filipstad, filipstad_editor, moderator
):
    case = submit_for_review(make_case(filipstad, publish=False), filipstad_editor)
    case = request_changes(case, moderator, "Beskriv vad som inte fungerade.")
    client.force_login(filipstad_editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[case.pk]))
    html = response.content.decode()
    [message] = _messages(response)
    assert "Ändringar begärda av moderator: ”Beskriv vad som inte fungerade.”" in message
    assert _default_action(html) == "Skicka till granskning igen"
    assert 'name="action-restart-workflow"' not in html
    assert 'name="action-cancel-workflow"' not in html
    # The status side panel, in Swedish (Django's humanize catalogue for "… sedan").
    assert re.search(r"Ändringar begärda (nu|\S+ \S+ sedan)\s*<", html)
    assert "Changes requested" not in html

    url, data = edit_form(client, case)
    data["action-submit"] = "1"
    client.post(url, postable(data))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[case.pk]))
    assert not any("Beskriv vad" in message for message in _messages(response))


def test_preview_carries_a_draft_banner(client, filipstad, filipstad_editor):
    case = make_case(filipstad, publish=False)
    client.force_login(filipstad_editor)
    _, data = edit_form(client, case)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[case.pk])
    assert client.post(preview_url, postable(data)).json()["is_valid"]
    html = client.get(preview_url).content.decode()
    assert "Förhandsgranskning – utkast" in html
    assert (
        "Förhandsgranskning – utkast" not in client.get(make_case(filipstad).url).content.decode()
    )


def test_a_new_case_sent_for_review_says_so(client, filipstad, filipstad_editor):
    from tests.admin_forms import add_case_form

    client.force_login(filipstad_editor)
    url, data = add_case_form(client, filipstad, title="Nattfotboll")
    data["action-submit"] = "1"
    [message] = _messages(client.post(url, postable(data), follow=True))
    assert message.startswith("Skickad till granskning: ”Nattfotboll”.")
