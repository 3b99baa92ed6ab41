"""Yearly follow-up reminders: who gets which reminder on a given day (pure), and the daily
command end to end through a real SMTP server, with a fixed "today"."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.users.models import UserProfile

from cases.follow_up_reminders import (
    FIRST,
    SECOND,
    CaseToFollow,
    Editor,
    ReminderConfig,
    reminders_due,
)
from cases.models import FollowUpReminderSettings, FollowUpUpdate
from mailings.models import Mailing
from mailings.sending import send_due
from tests.factories import make_case
from tests.smtp import SITE, parts, serve_smtp, subject

CONFIG = ReminderConfig(enabled=True, first_day=1, first_month=10, weeks_until_second=4)
ANNA = Editor(1, "anna@kommun.example", "Anna", "sv")
BO = Editor(2, "bo@kommun.example", "Bo", "en")


def test_no_reminder_before_the_date_then_the_first_then_the_second():
    assert CONFIG.stage_on(date(2026, 9, 30)) is None
    assert CONFIG.stage_on(date(2026, 10, 1)) == FIRST
    assert CONFIG.stage_on(date(2026, 10, 28)) == FIRST
    assert CONFIG.stage_on(date(2026, 10, 29)) == SECOND
    assert CONFIG.stage_on(date(2026, 12, 31)) == SECOND
    off = ReminderConfig(enabled=False, first_day=1, first_month=10, weeks_until_second=4)
    assert off.stage_on(date(2026, 10, 1)) is None


def test_29_february_falls_on_1_march_in_a_common_year():
    leap = ReminderConfig(enabled=True, first_day=29, first_month=2, weeks_until_second=1)
    assert leap.first_date(2027) == date(2027, 3, 1)
    assert leap.first_date(2028) == date(2028, 2, 29)


def test_one_reminder_per_editor_listing_only_cases_without_the_follow_up():
    cases = [
        CaseToFollow(10, "Simskola", (ANNA,), followed_up=False),
        CaseToFollow(11, "Läxhjälp", (ANNA, BO), followed_up=False),
        CaseToFollow(12, "Fältgrupp", (ANNA, BO), followed_up=True),
        CaseToFollow(13, "Utan redaktör", (), followed_up=False),
    ]
    reminders = reminders_due(date(2026, 10, 2), CONFIG, cases)
    assert [(r.editor, [c.case_id for c in r.cases]) for r in reminders] == [
        (ANNA, [11, 10]),
        (BO, [11]),
    ]
    assert reminders[0].dedupe_key == "reminder:2026:first:user:1"
    assert reminders_due(date(2026, 9, 1), CONFIG, cases) == []


# -- The command, end to end ---------------------------------------------------------------------


@pytest.fixture
def smtp_inbox(settings):
    yield from serve_smtp(settings)


@pytest.fixture
def scene(db, filipstad, ljusnarsberg, filipstad_editor, django_user_model):
    stored = FollowUpReminderSettings.load()
    stored.first_day, stored.first_month, stored.weeks_until_second = 1, 10, 4
    stored.enabled = True
    stored.save()
    case = make_case(filipstad, title="Simskola för nyanlända", status="ongoing")
    done = make_case(filipstad, title="Fältgruppen", status="ongoing")
    year = timezone.localdate().year
    FollowUpUpdate.objects.create(
        page=done, year=year, text="Pågår.", implementation_status="substantial"
    )
    english = django_user_model.objects.create_user(
        "editor-en", "editor.en@kommun.example", "ett-långt-lösenord-för-test"
    )
    english.groups.add(*filipstad_editor.groups.all())
    profile = UserProfile.get_for_user(english)
    profile.preferred_language = "en"
    profile.save()
    still_missing = make_case(filipstad, title="Läxhjälp", status="ongoing")
    return case, done, year, english, still_missing


def _run(day: date, capture) -> None:
    with capture(execute=True):
        call_command("send_follow_up_reminders", today=day.isoformat(), stdout=io.StringIO())


def test_the_editors_get_a_swedish_reminder_with_a_direct_link(
    scene, smtp_inbox, filipstad_editor, moderator, django_capture_on_commit_callbacks
):
    case, done, year, english, _still_missing = scene
    _run(date(year, 9, 30), django_capture_on_commit_callbacks)
    assert smtp_inbox.received == []

    _run(date(year, 10, 1), django_capture_on_commit_callbacks)
    [message] = smtp_inbox.to(filipstad_editor.email)
    assert subject(message).startswith("Dags för årets uppföljning av")
    text, html = parts(message)
    link = f"{SITE}/admin/pages/{case.pk}/edit/#tab-resultat"
    assert f"Simskola för nyanlända\n  {link}" in text
    assert f'<a href="{link}">Simskola för nyanlända</a>' in html
    assert f"/admin/pages/{done.pk}/" not in text  # followed up already
    assert f"De här insatserna som du redigerar har ingen uppföljning för {year} än." in text
    assert smtp_inbox.to(moderator.email) == []

    [english_message] = smtp_inbox.to(english.email)
    assert subject(english_message).startswith("Time for this year's follow-up of")
    assert f"{SITE}/admin/pages/{case.pk}/edit/#tab-results" in parts(english_message)[0]
    assert Mailing.objects.filter(kind=Mailing.Kind.REMINDER, status="sent").count() >= 2


def test_running_again_sends_nothing_twice_and_the_second_reminder_skips_followed_up_cases(
    scene, smtp_inbox, filipstad_editor, django_capture_on_commit_callbacks
):
    case, _done, year, _english, still_missing = scene
    _run(date(year, 10, 1), django_capture_on_commit_callbacks)
    _run(date(year, 10, 2), django_capture_on_commit_callbacks)
    assert len(smtp_inbox.to(filipstad_editor.email)) == 1

    FollowUpUpdate.objects.create(
        page=case, year=year, text="Andra året.", implementation_status="limited"
    )
    _run(date(year, 10, 29), django_capture_on_commit_callbacks)
    _run(date(year, 10, 30), django_capture_on_commit_callbacks)
    _first, second = smtp_inbox.to(filipstad_editor.email)
    assert subject(second).startswith("Påminnelse: årets uppföljning saknas för")
    text, _html = parts(second)
    assert f"{SITE}/admin/pages/{still_missing.pk}/edit/#tab-resultat" in text
    assert f"/admin/pages/{case.pk}/" not in text


def test_reminders_switched_off_send_nothing(scene, smtp_inbox, django_capture_on_commit_callbacks):
    year = scene[2]
    stored = FollowUpReminderSettings.load()
    stored.enabled = False
    stored.save()
    _run(date(year, 10, 1), django_capture_on_commit_callbacks)
    assert smtp_inbox.received == []
    assert send_due() == []


def test_a_bad_date_is_a_clear_error(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_follow_up_reminders", today="31/12")


def test_a_day_the_month_lacks_is_refused_in_swedish(db):
    from django.core.exceptions import ValidationError

    stored = FollowUpReminderSettings(first_day=31, first_month=2, weeks_until_second=4)
    with pytest.raises(ValidationError) as caught:
        stored.full_clean()
    assert caught.value.message_dict["first_day"] == ["Den dagen finns inte i den valda månaden."]


def test_moderators_may_set_the_reminder_date_and_editors_may_not(
    client, moderator, filipstad_editor
):
    from django.urls import reverse

    url = reverse("wagtailsettings:edit", args=["cases", "followupremindersettings"])
    client.force_login(moderator)
    response = client.get(url, follow=True)
    assert response.status_code == 200
    assert "Dag för första påminnelsen" in response.content.decode()
    client.force_login(filipstad_editor)
    response = client.get(url, follow=True)  # Wagtail sends a refused user to the dashboard
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert "Dag för första påminnelsen" not in response.content.decode()
