"""Starting a background export, or handing back the one already under way.

The same download asked for again – same query, format and site address, nothing public changed
since – gets the job that is waiting, running or finished, so a hundred clicks on "Excel" for the
whole list make one file. A new job counts against the client's hourly allowance
(EXPORT_JOBS_PER_CLIENT_HOUR), and no more than EXPORT_MAX_ACTIVE_JOBS wait or run at once: the
worker is shared with indexing and e-mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from core.content_version import content_version
from core.rate_limits import count_in_window, seconds_left

from .models import LINK_LIFETIME, ExportJob

JOB_WINDOW_SECONDS = 3600
# Parameters that change nothing in the file (the result page shown on /sok/).
IGNORED_PARAMETERS = frozenset({"sida"})
ACTIVE = (ExportJob.Status.QUEUED, ExportJob.Status.RUNNING)


@dataclass
class Refused(Exception):
    message: str
    status: int
    retry_after: int


def normalised_query(params: QueryDict) -> str:
    """The query string in a fixed order, so ?a=1&b=2 and ?b=2&a=1 are one request."""
    items = sorted(
        (key, value)
        for key in params
        if key not in IGNORED_PARAMETERS
        for value in params.getlist(key)
    )
    return urlencode(items)


def reusable_job(
    query: str, format_key: str, base_url: str, version: str, now=None
) -> ExportJob | None:
    """A job for the same request that is under way, or finished on today's content with most of
    its day still left."""
    now = now or timezone.now()
    return (
        ExportJob.objects.filter(
            query=query,
            format=format_key,
            base_url=base_url,
            content_version=version,
            status__in=[*ACTIVE, ExportJob.Status.DONE],
            expires_at__gt=now + LINK_LIFETIME / 2,
        )
        .order_by("-created_at")
        .first()
    )


def existing_job(params: QueryDict, format_key: str, *, base_url: str) -> ExportJob | None:
    """The job find_or_start would hand back for this download, if there is one; starts nothing
    (a HEAD request asks this)."""
    return reusable_job(normalised_query(params), format_key, base_url, content_version())


def find_or_start(
    params: QueryDict, format_key: str, *, base_url: str, client: str, user=None
) -> ExportJob:
    """The job that writes this download; raises Refused when a new one may not start now."""
    from .tasks import write_export

    query = normalised_query(params)
    version = content_version()
    if job := reusable_job(query, format_key, base_url, version):
        return job
    limit = settings.EXPORT_JOBS_PER_CLIENT_HOUR
    if limit and count_in_window(f"export-jobs:{client}", JOB_WINDOW_SECONDS) > limit:
        raise Refused(
            _("You have started many exports in the last hour. Try again later."),
            429,
            seconds_left(JOB_WINDOW_SECONDS),
        )
    if ExportJob.objects.filter(status__in=ACTIVE).count() >= settings.EXPORT_MAX_ACTIVE_JOBS:
        raise Refused(
            _("Many exports are being prepared right now. Try again in a few minutes."), 503, 120
        )
    job = ExportJob.objects.create(
        query=query,
        format=format_key,
        base_url=base_url,
        content_version=version,
        requested_by=user if user is not None and user.is_authenticated else None,
    )
    transaction.on_commit(lambda: write_export.enqueue(job.pk))
    return job
