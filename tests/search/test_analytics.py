from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from search.analytics import prune_older_than, week_of
from search.analytics_models import SearchWeekStat

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 27)  # a Friday; its week starts on Monday 23 November


def _stat(week: date, query: str) -> None:
    SearchWeekStat.objects.create(week=week, query=query, searches=3)


def test_weeks_past_the_retention_period_are_deleted_and_the_rest_kept():
    this_week = week_of(TODAY)
    _stat(this_week, "brobyggare")
    _stat(this_week - timedelta(weeks=104), "oldest kept")
    _stat(this_week - timedelta(weeks=105), "too old")
    _stat(this_week - timedelta(weeks=300), "much too old")

    assert prune_older_than(104, today=TODAY) == 2

    assert set(SearchWeekStat.objects.values_list("query", flat=True)) == {
        "brobyggare",
        "oldest kept",
    }


def test_command_uses_the_retention_setting(settings, time_machine):
    time_machine.move_to(TODAY)
    settings.SEARCH_STATS_RETENTION_WEEKS = 4
    _stat(week_of(TODAY) - timedelta(weeks=5), "last month's query")
    _stat(week_of(TODAY), "this week's query")
    out = StringIO()

    call_command("prune_search_stats", stdout=out)

    assert list(SearchWeekStat.objects.values_list("query", flat=True)) == ["this week's query"]
    assert "Deleted 1 " in out.getvalue()


def test_command_refuses_a_retention_of_nothing():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("prune_search_stats", weeks=0)
