"""A yearly follow-up's new status becomes the case's status and dates once approved."""

from datetime import date
from http import HTTPStatus

import pytest
from django.urls import reverse

from cases.choices import Status
from cases.follow_ups import CaseState, StatusChange, newest_change, state_after
from cases.models import CaseStudyPage
from tests.admin_forms import edit_form, postable
from tests.factories import make_case

ONGOING = CaseState(Status.ONGOING, date(2022, 1, 10), None)


def test_completed_ends_the_case_at_the_end_of_the_year():
    state = state_after(ONGOING, StatusChange(2025, Status.COMPLETED))
    assert state == CaseState(Status.COMPLETED, date(2022, 1, 10), date(2025, 12, 31))


def test_an_earlier_end_date_is_kept_and_a_later_planned_one_moved_back():
    ending = CaseState(Status.ONGOING, date(2022, 1, 10), date(2025, 6, 30))
    assert state_after(ending, StatusChange(2025, Status.DISCONTINUED)).end_date == date(
        2025, 6, 30
    )
    planned_end = CaseState(Status.ONGOING, date(2022, 1, 10), date(2027, 12, 31))
    assert state_after(planned_end, StatusChange(2025, Status.COMPLETED)).end_date == date(
        2025, 12, 31
    )


def test_a_planned_case_that_started_gets_a_start_date():
    planned = CaseState(Status.PLANNED, None, None)
    assert state_after(planned, StatusChange(2024, Status.ONGOING)) == CaseState(
        Status.ONGOING, date(2024, 1, 1), None
    )


def test_the_newest_year_wins():
    changes = [StatusChange(2025, Status.COMPLETED), StatusChange(2024, Status.ONGOING)]
    assert newest_change(changes) == StatusChange(2025, Status.COMPLETED)
    assert newest_change([]) is None


def _add_follow_up(data, *, year, text, status):
    index = int(data["follow_ups-TOTAL_FORMS"])
    prefix = f"follow_ups-{index}-"
    data[prefix + "year"] = str(year)
    data[prefix + "text"] = text
    data[prefix + "status_change"] = status
    data[prefix + "discontinued_reason"] = ""
    data[prefix + "implementation_status"] = "completed" if status == "completed" else "limited"
    data[prefix + "ORDER"] = str(index + 1)
    data[prefix + "DELETE"] = ""
    data[prefix + "id"] = ""
    data["follow_ups-TOTAL_FORMS"] = str(index + 1)


def _approve(client, case):
    task_state = case.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[case.pk, "approve", task_state.pk])
    return client.post(url, {"comment": ""})


@pytest.mark.django_db
def test_a_follow_up_saying_completed_changes_the_public_facts_once_approved(
    client, filipstad, filipstad_editor, moderator
):
    case = make_case(filipstad, title="Läxhjälp i Filipstad", status="ongoing")
    client.force_login(filipstad_editor)
    url, data = edit_form(client, case)
    _add_follow_up(data, year=2025, text="Insatsen avslutades enligt plan.", status="completed")
    data["action-submit"] = "1"
    response = client.post(url, postable(data))
    assert response.status_code == HTTPStatus.FOUND, response.context["form"].errors

    draft = CaseStudyPage.objects.get(pk=case.pk)
    assert draft.status == Status.ONGOING  # the public page waits for the review
    revision = draft.latest_revision.as_object()
    assert (revision.status, revision.end_date) == (Status.COMPLETED, date(2025, 12, 31))
    assert "Pågående" in client.get(case.url).content.decode()

    client.force_login(moderator)
    assert _approve(client, draft).status_code == HTTPStatus.FOUND
    live = CaseStudyPage.objects.get(pk=case.pk)
    assert (live.status, live.end_date) == (Status.COMPLETED, date(2025, 12, 31))
    client.logout()
    page = client.get(live.url).content.decode()
    assert '<span class="status status--completed">Avslutad</span>' in page


@pytest.mark.django_db
def test_an_unchanged_old_follow_up_does_not_override_a_status_set_by_hand(admin_client, filipstad):
    case = make_case(
        filipstad,
        status="completed",
        end_date="2024-06-30",
        follow_ups=[{"year": 2023, "text": "Vi fortsätter.", "status_change": "ongoing"}],
    )
    url, data = edit_form(admin_client, case)
    data["status"] = "discontinued"
    response = admin_client.post(url, postable(data))
    assert response.status_code == HTTPStatus.FOUND, response.context["form"].errors
    revision = CaseStudyPage.objects.get(pk=case.pk).latest_revision.as_object()
    assert revision.status == Status.DISCONTINUED
