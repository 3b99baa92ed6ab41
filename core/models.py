from django.db import models

from .content_version import ContentVersion

__all__ = ["ContentVersion", "TaskHeartbeat"]


class TaskHeartbeat(models.Model):
    """The last sign of life of a running task (django_tasks_db's DBTaskResult id). A RUNNING task
    with neither a recent start nor a recent heartbeat has lost its worker (core/leases.py)."""

    task_id = models.UUIDField(primary_key=True)
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.task_id} {self.beat_at:%H:%M:%S}"
