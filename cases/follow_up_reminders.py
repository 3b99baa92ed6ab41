"""Yearly follow-up reminders: who gets which reminder on a given day, and sending them.

On and after the day set in Settings → Follow-up reminders (FollowUpReminderSettings), every
editor of a published, ongoing case without a follow-up for the current year gets one e-mail
listing those cases, each with a link straight to the Results tab of its edit view, where the
follow-ups are. `weeks_until_second` weeks later the editors of cases still lacking it get the
second reminder. "Ongoing" is the rule of the dashboard's "Missing this year's follow-up" list:
planned, completed and discontinued cases are not asked for one.

`reminders_due` decides (pure: today, the settings and the cases in, reminders out); the
`send_follow_up_reminders` command runs daily and queues them through mailings/. A reminder's
dedupe key (year, stage, editor) makes a second run the same day, or any later day, send nothing
twice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext
from wagtail.coreutils import safe_snake_case
from wagtail.models import GroupPagePermission

from cases.choices import Status
from cases.models import CaseStudyPage, FollowUpReminderSettings, FollowUpUpdate, MunicipalityPage

FIRST, SECOND = "first", "second"
LANGUAGES = {"sv", "en"}


@dataclass(frozen=True)
class ReminderConfig:
    enabled: bool
    first_day: int
    first_month: int
    weeks_until_second: int

    def first_date(self, year: int) -> date:
        try:
            return date(year, self.first_month, self.first_day)
        except ValueError:  # 29 February in a common year
            return date(year, self.first_month, 28) + timedelta(days=1)

    def second_date(self, year: int) -> date:
        return self.first_date(year) + timedelta(weeks=self.weeks_until_second)

    def stage_on(self, today: date) -> str | None:
        """Which reminder is due on `today` for this year's follow-up, if any."""
        if not self.enabled or today < self.first_date(today.year):
            return None
        return SECOND if today >= self.second_date(today.year) else FIRST


@dataclass(frozen=True)
class Editor:
    user_id: int
    email: str
    name: str
    language: str


@dataclass(frozen=True)
class CaseToFollow:
    case_id: int
    title: str
    editors: tuple[Editor, ...]
    followed_up: bool  # has a follow-up for the year in question


@dataclass(frozen=True)
class Reminder:
    stage: str
    year: int
    editor: Editor
    cases: tuple[CaseToFollow, ...]

    @property
    def dedupe_key(self) -> str:
        return f"reminder:{self.year}:{self.stage}:user:{self.editor.user_id}"


def reminders_due(today: date, config: ReminderConfig, cases: list[CaseToFollow]) -> list[Reminder]:
    """One reminder per editor, listing their cases without this year's follow-up; none before
    the first reminder date or when reminders are off. Only the latest stage reached is sent
    (a first run after the second date sends the second reminder only)."""
    stage = config.stage_on(today)
    if stage is None:
        return []
    by_editor: dict[Editor, list[CaseToFollow]] = defaultdict(list)
    for case in cases:
        if not case.followed_up:
            for editor in case.editors:
                by_editor[editor].append(case)
    return [
        Reminder(stage, today.year, editor, tuple(sorted(found, key=lambda c: c.title)))
        for editor, found in sorted(by_editor.items(), key=lambda item: item[0].user_id)
    ]


# -- Reading the database ----------------------------------------------------------------------


def load_config() -> ReminderConfig:
    stored = FollowUpReminderSettings.load()
    return ReminderConfig(
        stored.enabled, stored.first_day, stored.first_month, stored.weeks_until_second
    )


def _editors_by_municipality() -> dict[int, list[Editor]]:
    """Active users with an e-mail address whose groups may add cases under a municipality's
    page (the municipality's editor group), by municipality id."""
    grants = GroupPagePermission.objects.filter(
        permission__codename="add_page",
        page__in=MunicipalityPage.objects.values("pk"),
    ).values_list("group_id", "page_id")
    municipality_of_page = dict(MunicipalityPage.objects.values_list("pk", "municipality_id"))
    groups: dict[int, set[int]] = defaultdict(set)
    for group_id, page_id in grants:
        groups[group_id].add(municipality_of_page[page_id])
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__in=list(groups))
        .exclude(email="")
        .select_related("wagtail_userprofile")
        .prefetch_related("groups")
        .distinct()
    )
    found: dict[int, list[Editor]] = defaultdict(list)
    for user in users:
        profile = getattr(user, "wagtail_userprofile", None)
        language = (profile and profile.preferred_language) or settings.LANGUAGE_CODE
        editor = Editor(
            user.pk,
            user.email,
            user.get_full_name() or user.get_username(),
            language if language in LANGUAGES else settings.LANGUAGE_CODE,
        )
        municipalities = set().union(*(groups.get(group.pk, set()) for group in user.groups.all()))
        for municipality_id in municipalities:
            found[municipality_id].append(editor)
    return found


def cases_to_follow(year: int) -> list[CaseToFollow]:
    """Published, ongoing cases with their editors and whether they have `year`'s follow-up."""
    editors = _editors_by_municipality()
    cases = (
        CaseStudyPage.objects.live()
        .filter(status=Status.ONGOING)
        .annotate(followed_up=Exists(FollowUpUpdate.objects.filter(page=OuterRef("pk"), year=year)))
        .order_by("title")
        .values_list("pk", "title", "municipality_id", "followed_up")
    )
    return [
        CaseToFollow(pk, title, tuple(editors.get(municipality_id, ())), followed_up)
        for pk, title, municipality_id, followed_up in cases
    ]


# -- Writing the e-mails -------------------------------------------------------------------------


def follow_up_link(case_id: int) -> str:
    """The case's edit view, opened on the tab with the follow-ups (the Results tab; Wagtail
    names tabs after their heading in the admin's language, so call this in that language)."""
    tab = safe_snake_case(gettext("Results"))
    path = reverse("wagtailadmin_pages:edit", args=(case_id,))
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}#tab-{tab}"


def _subject(reminder: Reminder) -> str:
    count = len(reminder.cases)
    if reminder.stage == FIRST:
        return ngettext(
            "Time for this year's follow-up of %(count)d case",
            "Time for this year's follow-up of %(count)d cases",
            count,
        ) % {"count": count}
    return ngettext(
        "Reminder: this year's follow-up is missing for %(count)d case",
        "Reminder: this year's follow-up is missing for %(count)d cases",
        count,
    ) % {"count": count}


def render_reminder(reminder: Reminder) -> tuple[str, str, str]:
    """Subject, text and HTML of a reminder, in the editor's language."""
    with translation.override(reminder.editor.language):
        context = {
            "reminder": reminder,
            "second": reminder.stage == SECOND,
            "cases": [(case.title, follow_up_link(case.case_id)) for case in reminder.cases],
        }
        return (
            _subject(reminder),
            render_to_string("cases/emails/follow_up_reminder.txt", context),
            render_to_string("cases/emails/follow_up_reminder.html", context),
        )


def send_reminders(today: date) -> list:
    """Queue today's reminders; returns the mailings queued now (repeats are skipped)."""
    from mailings.models import Mailing
    from mailings.sending import queue_mail

    queued = []
    for reminder in reminders_due(today, load_config(), cases_to_follow(today.year)):
        subject, text, html = render_reminder(reminder)
        mailing = queue_mail(
            kind=Mailing.Kind.REMINDER,
            to=reminder.editor.email,
            subject=subject,
            text=text,
            html=html,
            dedupe_key=reminder.dedupe_key,
        )
        if mailing is not None:
            queued.append(mailing)
    return queued
