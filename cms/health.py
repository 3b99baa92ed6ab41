"""The health endpoint for load balancers and monitoring, built on django-health-check.

/halsa/       everything: database, cache, search cluster, task queue (for monitoring)
/halsa/webb/  what this web server needs to answer pages: database and cache (for a load
              balancer; a lost search cluster or a stalled worker must not take the site out)

Both answer 200 when all checks pass and 500 otherwise; `?format=json` (or Accept:
application/json) gives {"status": "ok"|"error", "checks": {name: {"ok": …, "message": …}}}.
Responses are never cached and not rate limited.
"""

from __future__ import annotations

import dataclasses

from asgiref.sync import sync_to_async
from django.conf import settings
from django.http import JsonResponse
from django.urls import path
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

from core.task_queue import queue_summary

# A waiting task older than this means no worker is taking work.
TASK_WAIT_LIMIT_SECONDS = 300
# Failed tasks in the last 24 hours tolerated before the check fails.
FAILED_TASKS_LIMIT = 0


@dataclasses.dataclass
class SearchCluster(HealthCheck):
    """The search cluster answers its health API and is not red; OK without a cluster (the
    database engine answers searches then)."""

    details: dict = dataclasses.field(default_factory=dict, repr=False)

    async def run(self):
        await sync_to_async(self.check)()

    def check(self):
        from search.engines.base import SearchUnavailable
        from search.service import cluster_engine

        engine = cluster_engine()
        if engine is None:
            self.details = {"engine": "database"}
            return
        try:
            status = engine.transport.health().get("status")
        except SearchUnavailable as error:
            raise ServiceUnavailable("the search cluster does not answer") from error
        self.details = {"engine": engine.name, "cluster_status": status}
        if status == "red":
            raise ServiceUnavailable("the search cluster is red")


@dataclasses.dataclass
class TaskQueue(HealthCheck):
    """A worker takes the waiting work, and tasks do not fail."""

    details: dict = dataclasses.field(default_factory=dict, repr=False)

    async def run(self):
        # On the request's own thread, hence its database connection (the view is async).
        await sync_to_async(self.check)()

    def check(self):
        summary = queue_summary()
        self.details = {
            "waiting": summary.waiting,
            "oldest_waiting_seconds": round(summary.oldest_waiting_seconds),
            "running": summary.running,
            "failed_last_24h": summary.failed_recently,
        }
        wait_limit = getattr(settings, "HEALTH_TASK_WAIT_LIMIT_SECONDS", TASK_WAIT_LIMIT_SECONDS)
        failed_limit = getattr(settings, "HEALTH_FAILED_TASKS_LIMIT", FAILED_TASKS_LIMIT)
        if summary.oldest_waiting_seconds > wait_limit:
            raise ServiceUnavailable(
                f"a task has waited {summary.oldest_waiting_seconds:.0f} s: is the worker running?"
            )
        if summary.failed_recently > failed_limit:
            raise ServiceUnavailable(f"{summary.failed_recently} tasks failed in the last 24 hours")


def _name(check) -> str:
    return type(check).__name__


class HealthView(HealthCheckView):
    def render_to_response_json(self, status):
        checks = {
            _name(result.check): {
                "ok": result.error is None,
                "message": str(result.error) if result.error else "OK",
                **getattr(result.check, "details", {}),
            }
            for result in self.results
        }
        body = {"status": "error" if status >= 500 else "ok", "checks": checks}
        return JsonResponse(body, status=status)


WEB_CHECKS = ("health_check.checks.Database", "health_check.checks.Cache")
ALL_CHECKS = (*WEB_CHECKS, SearchCluster, TaskQueue)

urlpatterns = [
    path("", HealthView.as_view(checks=ALL_CHECKS), name="health"),
    path("webb/", HealthView.as_view(checks=WEB_CHECKS), name="health_web"),
]
