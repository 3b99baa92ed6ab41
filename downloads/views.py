"""The pages of a background export: "the file is being prepared", its progress as JSON for the
page's script, the finished file, and "the link has expired" (410).

Every answer here is for the holder of one token, so none may be kept by a cache (`never_cache`:
private, no-store); cms/http_caching.py keeps a view's own Cache-Control and the page cache
stores only what is public.
"""

from __future__ import annotations

from http import HTTPStatus

from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from cases.exchange.writers import FORMATS
from cases.views.exports import EXPORT_SUFFIXES
from core.rate_limits import client_key

from . import jobs
from .files import file_path
from .models import ExportJob

SUFFIX_OF_FORMAT = {format_key: suffix for suffix, format_key in EXPORT_SUFFIXES.items()}


def start_export(request, format_key: str) -> HttpResponse:
    """What /sok/export.<format> answers when the list is too long to stream: the job's page."""
    if request.method == "HEAD":
        return _head(request, format_key)
    try:
        job = jobs.find_or_start(
            request.GET,
            format_key,
            base_url=request.build_absolute_uri("/"),
            client=client_key(request),
            user=getattr(request, "user", None),
        )
    except jobs.Refused as refusal:
        response = render(
            request,
            "downloads/refused.html",
            {"page_title": _("The export could not start"), "message": refusal.message},
            status=refusal.status,
        )
        response["Retry-After"] = str(refusal.retry_after)
        response["Cache-Control"] = "private, no-store"
        return response
    return _to_job_page(job)


def _to_job_page(job: ExportJob) -> HttpResponse:
    # 303 See Other: the answer to this address is another page, not a moved file.
    response = HttpResponseRedirect(reverse("export_job", args=[job.token]))
    response.status_code = HTTPStatus.SEE_OTHER
    return response


def _head(request, format_key: str) -> HttpResponse:
    """HEAD is safe: it starts no job, writes no file and uses none of the client's allowance of
    jobs. A job a GET would reuse is named as the GET would (303 to its page); otherwise the
    answer is the headers of the job page a GET would lead to – an HTML page no cache keeps."""
    job = jobs.existing_job(request.GET, format_key, base_url=request.build_absolute_uri("/"))
    if job is not None:
        return _to_job_page(job)
    response = HttpResponse(content_type="text/html; charset=utf-8")
    add_never_cache_headers(response)
    return response


def _job(token: str) -> ExportJob:
    job = ExportJob.objects.filter(token=token).first()
    if job is None:
        raise Http404(_("There is no export at this address."))
    return job


def retry_url(job: ExportJob) -> str:
    """The download address the job was made for: following it starts a new job."""
    url = reverse("case_export", args=[SUFFIX_OF_FORMAT[job.format]])
    return f"{url}?{job.query}" if job.query else url


def progress_text(job: ExportJob) -> str:
    if job.status == ExportJob.Status.QUEUED:
        return _("Waiting to start. The file is made in turn with other work.")
    if job.status == ExportJob.Status.RUNNING and job.rows_total is not None:
        return ngettext(
            "%(done)s of %(total)s case written.",
            "%(done)s of %(total)s cases written.",
            job.rows_total,
        ) % {"done": _grouped(job.rows_done), "total": _grouped(job.rows_total)}
    if job.status == ExportJob.Status.RUNNING:
        return _("Finding the cases …")
    return ""


def _grouped(number: int) -> str:
    return number_format(number, 0, force_grouping=True)


def _expired(request, job: ExportJob) -> HttpResponse:
    return render(
        request,
        "downloads/expired.html",
        {"page_title": _("The link has expired"), "retry_url": retry_url(job)},
        status=HTTPStatus.GONE,
    )


def _page_title(job: ExportJob) -> str:
    if job.status == job.Status.DONE:
        return _("Your file is ready")
    if job.status == job.Status.FAILED:
        return _("The export failed")
    return _("The file is being prepared")


@require_safe
@never_cache
def job_page(request, token: str) -> HttpResponse:
    job = _job(token)
    if job.expired():
        return _expired(request, job)
    context = {
        "job": job,
        "page_title": _page_title(job),
        "format": FORMATS[job.format],
        "progress_text": progress_text(job),
        "retry_url": retry_url(job),
        "error": _(job.error) if job.error else "",
        "status_url": reverse("export_job_status", args=[job.token]),
    }
    if job.status == job.Status.DONE:
        context["file_url"] = reverse("export_job_file", args=[job.token, _basename(job)])
        context["file_name"] = _basename(job)
    return render(request, "downloads/job.html", context)


@require_safe
@never_cache
def job_status(request, token: str) -> JsonResponse:
    """The job page's script polls this; the page itself works without it."""
    job = _job(token)
    if job.expired():
        return JsonResponse({"status": "expired"}, status=HTTPStatus.GONE)
    return JsonResponse(
        {
            "status": job.status,
            "rows_done": job.rows_done,
            "rows_total": job.rows_total,
            "text": progress_text(job),
        }
    )


@require_safe
@never_cache
def job_file(request, token: str, filename: str) -> HttpResponse:
    job = _job(token)
    if job.expired():
        return _expired(request, job)
    if job.status != job.Status.DONE or filename != _basename(job):
        raise Http404(_("There is no export at this address."))
    try:
        handle = open(file_path(job.file_name), "rb")  # noqa: SIM115 – FileResponse closes it
    except FileNotFoundError:
        raise Http404(_("There is no export at this address.")) from None
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=FORMATS[job.format].content_type
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def _basename(job: ExportJob) -> str:
    return job.file_name.rsplit("/", 1)[-1]
