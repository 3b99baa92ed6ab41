"""Recording and summarising search statistics (see SearchWeekStat)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from .analytics_models import SearchWeekStat


def normalise(text: str) -> str:
    return " ".join(text.lower().split())[:200]


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _bump(text: str, **increments) -> None:
    query = normalise(text)
    if not query:
        return
    week = week_of(timezone.localdate())
    updates = {name: F(name) + amount for name, amount in increments.items()}
    if SearchWeekStat.objects.filter(week=week, query=query).update(**updates):
        return
    try:
        with transaction.atomic():
            SearchWeekStat.objects.create(week=week, query=query, **increments)
    except IntegrityError:  # created by a concurrent request in the meantime
        SearchWeekStat.objects.filter(week=week, query=query).update(**updates)


def record_search(text: str, total: int) -> None:
    _bump(text, searches=1, zero_results=0 if total else 1)


def record_click(text: str) -> None:
    _bump(text, clicks=1)


@dataclass
class WeekSummary:
    week: date
    searches: int
    zero_results: int
    clicks: int

    @property
    def zero_share(self) -> float:
        return self.zero_results / self.searches if self.searches else 0.0

    @property
    def click_through(self) -> float:
        return self.clicks / self.searches if self.searches else 0.0


def weekly_summaries(weeks: int = 12) -> list[WeekSummary]:
    since = week_of(timezone.localdate()) - timedelta(weeks=weeks - 1)
    rows = (
        SearchWeekStat.objects.filter(week__gte=since)
        .values("week")
        .annotate(s=Sum("searches"), z=Sum("zero_results"), c=Sum("clicks"))
        .order_by("-week")
    )
    return [WeekSummary(row["week"], row["s"], row["z"], row["c"]) for row in rows]


def top_queries(week: date, limit: int = 20):
    return SearchWeekStat.objects.filter(week=week).order_by("-searches", "query")[:limit]


def zero_result_queries(week: date, limit: int = 20):
    return SearchWeekStat.objects.filter(week=week, zero_results__gt=0).order_by(
        "-zero_results", "query"
    )[:limit]


def prune_older_than(weeks: int, today: date | None = None) -> int:
    """Delete the statistics of weeks that started more than `weeks` weeks before this one."""
    oldest_kept = week_of(today or timezone.localdate()) - timedelta(weeks=weeks)
    deleted, _by_model = SearchWeekStat.objects.filter(week__lt=oldest_kept).delete()
    return deleted
