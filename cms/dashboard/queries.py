"""What the dashboard panels show, as plain data: one function per list, no rendering."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, TaskState, WorkflowState

from cases.choices import Status
from cases.figures import share
from cases.models import CaseStudyPage, FollowUpUpdate, ImportBatch, MunicipalityPage
from cases.views.reports import due_for_review_condition
from cms.review_state import ReviewNote, active_states, note_of

RECENT_IMPORTS = 5
LIST_LIMIT = 10


def editor_municipalities(user) -> list[MunicipalityPage]:
    """The municipality pages the user's groups may add cases under (municipality editors)."""
    if not user.is_authenticated:
        return []
    return list(
        MunicipalityPage.objects.filter(
            group_permissions__group__user=user,
            group_permissions__permission__codename="add_page",
        )
        .select_related("municipality")
        .distinct()
        .order_by("title")
    )


def new_case_url(municipality_page: MunicipalityPage) -> str:
    """The empty case form under the municipality's page: one click from the dashboard."""
    return reverse("wagtailadmin_pages:add", args=("cases", "casestudypage", municipality_page.pk))


@dataclass
class CaseRow:
    page: CaseStudyPage
    note: ReviewNote | None = None
    since: datetime | None = None
    submitter: object | None = None
    imported: bool = False

    @property
    def edit_url(self) -> str:
        return reverse("wagtailadmin_pages:edit", args=(self.page.pk,))


@dataclass
class EditorOverview:
    drafts: list[CaseRow] = field(default_factory=list)
    waiting: list[CaseRow] = field(default_factory=list)
    changes_requested: list[CaseRow] = field(default_factory=list)
    missing_follow_up: list[CaseRow] = field(default_factory=list)
    year: int | None = None
    due_this_year: int = 0  # published ongoing cases: the ones a follow-up is asked of
    followed_up_this_year: int = 0

    @property
    def imported_drafts(self) -> int:
        return sum(1 for row in self.drafts if row.imported)

    @property
    def followed_up_share(self) -> int | None:
        return share(self.followed_up_this_year, self.due_this_year)


def imported_page_ids(limit: int = 50) -> set[int]:
    """Pages created by the latest finished imports (their summaries list them)."""
    ids: set[int] = set()
    for summary in (
        ImportBatch.objects.filter(state=ImportBatch.State.DONE)
        .order_by("-created_at")
        .values_list("summary", flat=True)[:limit]
    ):
        ids.update(item["page_id"] for item in (summary or {}).get("created", []))
    return ids


def editor_overview(
    municipalities: list[MunicipalityPage], year: int | None = None
) -> EditorOverview:
    """The editor's cases sorted into what needs them: drafts (imported ones marked), waiting for
    review, changes requested (with the moderator's note) and missing this year's follow-up."""
    year = year or timezone.localdate().year
    overview = EditorOverview(year=year)
    if not municipalities:
        return overview
    cases = list(
        CaseStudyPage.objects.filter(
            municipality__in=[page.municipality_id for page in municipalities]
        )
        .annotate(followed_up=Exists(FollowUpUpdate.objects.filter(page=OuterRef("pk"), year=year)))
        .order_by("-latest_revision_created_at", "title")
    )
    states = active_states(case.pk for case in cases)
    imported = imported_page_ids()
    for case in cases:
        state = states.get(case.pk)
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            task_state = state.current_task_state
            overview.changes_requested.append(
                CaseRow(case, note=note_of(state), since=task_state.finished_at)
            )
        elif state is not None:
            overview.waiting.append(
                CaseRow(case, since=state.created_at, submitter=state.requested_by)
            )
        elif case.has_unpublished_changes:
            overview.drafts.append(
                CaseRow(case, since=case.latest_revision_created_at, imported=case.pk in imported)
            )
        if case.live and case.status == Status.ONGOING:
            overview.due_this_year += 1
            if case.followed_up:
                overview.followed_up_this_year += 1
            else:
                overview.missing_follow_up.append(CaseRow(case))
    return overview


@dataclass
class ModeratorOverview:
    queue: list[CaseRow]
    imports: list[ImportBatch]
    due_for_review: list[CaseStudyPage]
    due_for_review_count: int


def review_queue(user) -> list[CaseRow]:
    """Pages waiting for this moderator, oldest first, with municipality and submitter."""
    task_states = (
        TaskState.objects.reviewable_by(user)
        .filter(workflow_state__base_content_type=ContentType.objects.get_for_model(Page))
        .select_related("workflow_state", "workflow_state__requested_by")
        .order_by("started_at")
    )
    by_page = {int(state.workflow_state.object_id): state for state in task_states}
    pages = CaseStudyPage.objects.filter(pk__in=by_page).select_related("municipality")
    rows = [
        CaseRow(
            page,
            since=by_page[page.pk].started_at,
            submitter=by_page[page.pk].workflow_state.requested_by,
        )
        for page in pages
    ]
    return sorted(rows, key=lambda row: row.since)


def moderator_overview(user, now: datetime | None = None) -> ModeratorOverview:
    now = now or timezone.now()
    due = (
        CaseStudyPage.objects.live()
        .filter(due_for_review_condition(now))
        .select_related("municipality", "review")
        .order_by("review__last_reviewed_at", "title")
    )
    return ModeratorOverview(
        queue=review_queue(user),
        imports=list(
            ImportBatch.objects.defer("content")
            .select_related("uploaded_by", "imported_by")
            .order_by("-created_at")[:RECENT_IMPORTS]
        ),
        due_for_review=list(due[:LIST_LIMIT]),
        due_for_review_count=due.count(),
    )
