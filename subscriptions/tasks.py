"""Digests are built and queued in the task worker, one task per subscription.

One transaction per subscription: the window's end is fixed first (until = now), the changes in
(since, until] are selected, the e-mail is queued (a row in mailings, delivered after commit) and
`last_sent_until` moves to `until` – all or nothing. A run that fails halfway leaves the
subscriptions it did not finish at their old point, so the rerun sends their changes once; the
finished ones are not sent again.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .digest import digest_items, window_for
from .mail import queue_digest
from .models import Subscription


def send_digest_now(subscription_id: int, *, until=None) -> bool:
    """Build and queue one subscription's digest; True when an e-mail was queued."""
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update()
            .filter(pk=subscription_id, confirmed_at__isnull=False)
            .first()
        )
        if subscription is None:  # unsubscribed (deleted) or never confirmed
            return False
        until = until or timezone.now()
        window = window_for(subscription, until)
        items = digest_items(subscription, window)
        queued = bool(items) and queue_digest(subscription, items, until) is not None
        subscription.last_sent_until = window.until
        subscription.save(update_fields=["last_sent_until"])
    return queued


@task()
def send_digest(subscription_id: int) -> None:
    send_digest_now(subscription_id)
