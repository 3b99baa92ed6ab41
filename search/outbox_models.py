"""Bookkeeping for keeping a search cluster in step: the outbox of cases to send. (The heartbeats
of long tasks are core's: core/leases.py.)"""

import uuid

from django.db import models
from django.utils import timezone


class PendingClusterUpdate(models.Model):
    """A case whose cluster document must be brought up to date (written, or deleted).

    One row per case however often it changes: marking it again only gives it a new token, so a
    drain that read the old token leaves the row for the next drain (see search/outbox.py).
    """

    page_id = models.IntegerField(primary_key=True)
    token = models.UUIDField(default=uuid.uuid4)
    queued_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return str(self.page_id)
