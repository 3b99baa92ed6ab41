"""The pure parts of a digest: its window, how a change is classified, when weekly ones are due,
and the signed links."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from subscriptions import tokens
from subscriptions.digest import CHANGED, FOLLOWED_UP, NEW, Window, classify, window_for
from subscriptions.models import Subscription
from subscriptions.schedule import weekly_due

MONDAY = datetime(2026, 12, 7, 6, 0, tzinfo=UTC)
WEEK = Window(since=MONDAY - timedelta(days=7), until=MONDAY)


def test_the_window_starts_where_the_last_digest_ended():
    sub = Subscription(confirmed_at=MONDAY - timedelta(days=30))
    sub.last_sent_until = MONDAY - timedelta(days=7)
    assert window_for(sub, MONDAY) == WEEK


def test_a_first_window_starts_at_the_confirmation():
    confirmed = MONDAY - timedelta(days=2)
    window = window_for(Subscription(confirmed_at=confirmed), MONDAY)
    assert (window.since, window.until) == (confirmed, MONDAY)


def test_the_window_is_open_at_since_and_closed_at_until():
    assert WEEK.since not in WEEK
    assert WEEK.until in WEEK
    assert None not in WEEK


def test_a_case_first_published_in_the_window_is_new():
    moment = MONDAY - timedelta(days=1)
    assert classify(moment, moment, WEEK, set(), {2025}) == (NEW, ())


def test_a_new_follow_up_year_is_reported_as_a_follow_up():
    before = MONDAY - timedelta(days=100)
    assert classify(before, MONDAY, WEEK, {2024}, {2024, 2025}) == (FOLLOWED_UP, (2025,))


def test_a_republished_case_without_new_follow_up_is_changed():
    before = MONDAY - timedelta(days=100)
    assert classify(before, MONDAY - timedelta(hours=1), WEEK, {2024}, {2024}) == (CHANGED, ())


def test_a_case_published_outside_the_window_is_not_in_the_digest():
    before = MONDAY - timedelta(days=100)
    assert classify(before, WEEK.since, WEEK, set(), set()) is None


def test_weekly_digests_go_on_the_weekday_once_a_week():
    assert weekly_due(None, MONDAY, weekday=0)
    assert not weekly_due(None, MONDAY + timedelta(days=1), weekday=0)
    assert not weekly_due(MONDAY - timedelta(hours=3), MONDAY, weekday=0)
    assert weekly_due(MONDAY - timedelta(days=7), MONDAY, weekday=0)


def test_a_token_is_read_back_only_for_its_own_purpose():
    token = tokens.make(tokens.CONFIRM, 7, "anna@example.org")
    assert tokens.read(tokens.CONFIRM, token) == [7, "anna@example.org"]
    with pytest.raises(tokens.BadToken):
        tokens.read(tokens.UNSUBSCRIBE, token)
    with pytest.raises(tokens.BadToken):
        tokens.read(tokens.CONFIRM, token[:-2] + "xx")


def test_an_old_confirmation_link_has_expired():
    token = tokens.make(tokens.CONFIRM, 7, "anna@example.org")
    with pytest.raises(tokens.ExpiredToken):
        tokens.read(tokens.CONFIRM, token, max_age=timedelta(seconds=-1))
