"""What a yearly follow-up's "new status" does to the case: its status and dates follow.

The rule (docs/editing.md, "Yearly follow-ups"): the newest follow-up with a new status sets the
case's status. Completed or discontinued: the end date becomes 31 December of the follow-up's
year, unless an earlier end date is already given. Ongoing: a missing start date becomes
1 January of that year, and an end date already passed by then is removed (the work went on).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .choices import Status


@dataclass(frozen=True)
class CaseState:
    status: str
    start_date: date | None
    end_date: date | None


@dataclass(frozen=True)
class StatusChange:
    year: int
    status: str


def newest_change(changes: list[StatusChange]) -> StatusChange | None:
    """The change of the latest year; of several in one year, the last one given."""
    newest = None
    for change in changes:
        if change.status and (newest is None or change.year >= newest.year):
            newest = change
    return newest


def state_after(state: CaseState, change: StatusChange) -> CaseState:
    start, end = state.start_date, state.end_date
    if change.status in (Status.COMPLETED, Status.DISCONTINUED):
        year_end = date(change.year, 12, 31)
        if end is None or end > year_end:
            end = year_end
        if start is not None and end < start:
            end = start
    elif change.status == Status.ONGOING:
        year_start = date(change.year, 1, 1)
        if start is None:
            start = year_start
        if end is not None and end < year_start:
            end = None
    return CaseState(status=change.status, start_date=start, end_date=end)
