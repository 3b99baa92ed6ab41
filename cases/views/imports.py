"""Admin import of cases for moderators: upload → check → import in the background → summary.

Step 1 stores the uploaded file in an ImportBatch only when it can be read at all; step 2 checks
every row against the database as it is at that moment and says that nothing has been imported
yet; the import button queues the task (cases/tasks.py), and the batch page follows its progress
and finally links to the drafts it created.
"""

from __future__ import annotations

from datetime import timedelta
from functools import wraps

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.permission_policies.pages import PagePermissionPolicy

from cases.exchange.import_rows import ImportContext, validate_rows
from cases.exchange.importer import ImportSummary
from cases.exchange.reading import MAX_FILE_BYTES, read_table
from cases.exchange.template import template_csv, template_xlsx
from cases.models import ImportBatch
from cases.tasks import run_import

ALLOWED_EXTENSIONS = ("csv", "xlsx")
# A report page listing more rows than this gets slow to read and to render; fix these first.
REPORT_ROW_LIMIT = 500
RECENT_IMPORTS = 20
EXPIRE_AFTER = timedelta(days=7)
TEMPLATE_TYPES = {
    "xlsx": (template_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": (template_csv, "text/csv; charset=utf-8"),
}


def can_import_cases(user) -> bool:
    """Moderators and administrators: the people who may publish pages (editors may not)."""
    return user.is_active and PagePermissionPolicy().user_has_permission(user, "publish")


def moderators_only(view):
    @wraps(view)
    def checked(request, *args, **kwargs):
        if not can_import_cases(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        # format_lazy keeps the text translatable per request (a % here would fix the language
        # at import time).
        help_text=format_lazy(
            "{} {}",
            gettext_lazy("CSV or Excel (XLSX) in the template's columns."),
            format_lazy(gettext_lazy("At most {} MB."), MAX_FILE_BYTES // (1024 * 1024)),
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = upload.name.rsplit(".", 1)[-1].casefold() if "." in upload.name else ""
        if extension not in ALLOWED_EXTENSIONS:
            raise forms.ValidationError(
                _("Choose a .csv or .xlsx file; “%(name)s” is neither.") % {"name": upload.name}
            )
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(max)d MB; split it into parts.")
                % {"max": MAX_FILE_BYTES // (1024 * 1024)}
            )
        return upload


def _page(request, template: str, title: str, **context):
    return render(
        request,
        template,
        {"page_title": title, "header_title": title, "header_icon": "upload", **context},
    )


@moderators_only
def import_start(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        table = read_table(content, upload.name)
        if table.readable:
            batch = ImportBatch.objects.create(
                file_name=upload.name[:255],
                content=content,
                uploaded_by=request.user,
                row_count=len(table.rows),
            )
            return redirect("cases_import_batch", batch.pk)
        for message in table.errors:
            form.add_error("file", message)
    expire_stale_batches()
    recent = ImportBatch.objects.defer("content").select_related("uploaded_by", "imported_by")
    return _page(
        request,
        "cases/imports/start.html",
        _("Import cases"),
        form=form,
        recent=recent[:RECENT_IMPORTS],
    )


@moderators_only
def import_batch(request, batch_id: int):
    batch = get_object_or_404(ImportBatch, pk=batch_id)
    title = _("Import of %(file)s") % {"file": batch.file_name}
    if batch.state == ImportBatch.State.CHECKED:
        table = read_table(bytes(batch.content), batch.file_name)
        report = validate_rows(table, ImportContext.load())
        invalid = report.invalid
        return _page(
            request,
            "cases/imports/report.html",
            title,
            batch=batch,
            report=report,
            invalid_rows=invalid[:REPORT_ROW_LIMIT],
            hidden_invalid=max(0, len(invalid) - REPORT_ROW_LIMIT),
            valid_count=len(report.valid),
        )
    summary = ImportSummary.from_json(batch.summary) if batch.state == batch.State.DONE else None
    return _page(
        request,
        "cases/imports/batch.html",
        title,
        batch=batch,
        summary=summary,
        file_errors=batch.summary.get("file_errors", []),
    )


@require_POST
@moderators_only
def import_run(request, batch_id: int):
    batch = get_object_or_404(ImportBatch, pk=batch_id)
    # A second click (or a second moderator) finds the batch no longer CHECKED and starts nothing.
    queued = ImportBatch.objects.filter(pk=batch.pk, state=ImportBatch.State.CHECKED).update(
        state=ImportBatch.State.QUEUED, imported_by=request.user
    )
    if queued:
        transaction.on_commit(lambda: run_import.enqueue(batch.pk))
    return redirect("cases_import_batch", batch.pk)


@moderators_only
def import_template(request, file_type: str):
    build, content_type = TEMPLATE_TYPES[file_type]
    response = HttpResponse(build(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="importmall-insatser.{file_type}"'
    return response


def expire_stale_batches(now=None) -> None:
    """Files checked but not imported within EXPIRE_AFTER go: they may hold personal data."""
    now = now or timezone.now()
    ImportBatch.objects.filter(
        state=ImportBatch.State.CHECKED, created_at__lt=now - EXPIRE_AFTER
    ).update(state=ImportBatch.State.EXPIRED, content=b"")
