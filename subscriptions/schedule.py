"""Which subscriptions get a digest on a run of `send_digests`: every confirmed "at once"
subscription on every run, the weekly ones on the configured weekday, at most once a week."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings

from .models import Subscription
from .tokens import LINK_MAX_AGE

# A run on the digest weekday skips a weekly subscription sent less than this long ago, so a
# timer that fires several times that day still sends one digest.
WEEKLY_GAP = timedelta(days=6)


def digest_weekday() -> int:
    """Monday is 0, as datetime.weekday()."""
    return getattr(settings, "SUBSCRIPTION_DIGEST_WEEKDAY", 0)


def weekly_due(last_sent_until: datetime | None, now: datetime, weekday: int) -> bool:
    if now.weekday() != weekday:
        return False
    return last_sent_until is None or now - last_sent_until >= WEEKLY_GAP


def due_subscription_ids(now: datetime, *, weekly: bool | None = None) -> list[int]:
    """`weekly`: None follows the weekday rule, True sends every weekly one, False none."""
    confirmed = Subscription.objects.filter(confirmed_at__isnull=False)
    ids = list(
        confirmed.filter(frequency=Subscription.Frequency.IMMEDIATE).values_list("pk", flat=True)
    )
    weekday = digest_weekday()
    for pk, last_sent in confirmed.filter(frequency=Subscription.Frequency.WEEKLY).values_list(
        "pk", "last_sent_until"
    ):
        if weekly or (weekly is None and weekly_due(last_sent, now, weekday)):
            ids.append(pk)
    return sorted(ids)


def forget_unconfirmed(now: datetime) -> int:
    """Delete subscriptions whose confirmation link expired unused (as the privacy page says)."""
    deleted, _ = Subscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - LINK_MAX_AGE
    ).delete()
    return deleted
