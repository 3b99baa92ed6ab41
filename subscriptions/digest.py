"""What a digest holds: the public cases a subscription follows that were published, changed or
followed up in its window (since, until].

The window is the subscription's own: `since` is up to when earlier digests covered (set to the
confirmation time at first), `until` the moment the run started. Pure parts – the window and how a
change is classified – are separate from the queries so they can be tested on their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.http import QueryDict
from wagtail.models import PageLogEntry

from cases.models import CaseStudyPage, public_cases

from .models import Subscription

NEW, CHANGED, FOLLOWED_UP = "new", "changed", "followed_up"


@dataclass(frozen=True)
class Window:
    since: datetime
    until: datetime

    def __contains__(self, moment: datetime | None) -> bool:
        return moment is not None and self.since < moment <= self.until


def window_for(subscription: Subscription, until: datetime) -> Window:
    """(since, until]; since is the stored point, or the confirmation, or `until` itself."""
    since = subscription.last_sent_until or subscription.confirmed_at or until
    return Window(since=min(since, until), until=until)


def classify(
    first_published: datetime | None,
    last_published: datetime | None,
    window: Window,
    years_before: set[int],
    years_now: set[int],
) -> tuple[str, tuple[int, ...]] | None:
    """How a case changed in the window: new (first published in it), followed up (a yearly
    follow-up that was not there before), changed (published again); None when not in it."""
    if first_published in window:
        return NEW, ()
    if last_published not in window:
        return None
    added = tuple(sorted(years_now - years_before))
    if added:
        return FOLLOWED_UP, added
    return CHANGED, ()


@dataclass
class DigestItem:
    case: CaseStudyPage
    change: str
    years: tuple[int, ...] = field(default=())

    @property
    def years_text(self) -> str:
        return ", ".join(str(year) for year in self.years)


def followed_cases(subscription: Subscription, window: Window):
    """The public cases the subscription follows that were published in the window."""
    cases = public_cases().filter(
        last_published_at__gt=window.since, last_published_at__lte=window.until
    )
    if subscription.kind == Subscription.Kind.THEME:
        return cases.filter(themes__slug=subscription.target).distinct()
    if subscription.kind == Subscription.Kind.MUNICIPALITY:
        return cases.filter(municipality__code=subscription.target)
    ids = list(cases.values_list("pk", flat=True))
    if not ids:
        return cases.none()
    return cases.filter(pk__in=_search_matches(subscription.target, set(ids)))


def _search_matches(query: str, candidates: set[int]) -> set[int]:
    """Which candidates the saved search finds now, asked of the project's search service."""
    from search.forms import request_from_params
    from search.service import case_ids

    matches = set()
    for page_id in case_ids(request_from_params(QueryDict(query))):
        if page_id in candidates:
            matches.add(page_id)
            if len(matches) == len(candidates):
                break
    return matches


def _years_published_before(case: CaseStudyPage, since: datetime) -> set[int]:
    """The follow-up years of the version that was public at `since`."""
    entry = (
        PageLogEntry.objects.filter(
            page_id=case.pk, action="wagtail.publish", timestamp__lte=since, revision__isnull=False
        )
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    if entry is None:
        return set()
    return {follow_up.year for follow_up in entry.revision.as_object().follow_ups.all()}


def digest_items(subscription: Subscription, window: Window) -> list[DigestItem]:
    items = []
    cases = (
        followed_cases(subscription, window)
        .select_related("municipality")
        .prefetch_related("follow_ups")
        .order_by("-last_published_at", "pk")
    )
    for case in cases:
        years_now = {follow_up.year for follow_up in case.follow_ups.all()}
        new = case.first_published_at in window
        years_before = set() if new else _years_published_before(case, window.since)
        change = classify(
            case.first_published_at, case.last_published_at, window, years_before, years_now
        )
        if change is not None:
            items.append(DigestItem(case, *change))
    order = {NEW: 0, FOLLOWED_UP: 1, CHANGED: 2}
    return sorted(items, key=lambda item: order[item.change])
