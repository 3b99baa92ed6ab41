"""/oppna-data/: the open-data package on the web – a page that explains it, and its files.

The files are the ones `manage.py export_open_data` writes, generated on request and streamed.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cases.exchange.case_rows import PageUrls
from cases.exchange.open_data import (
    JSONL_MEDIA_TYPE,
    RESOURCES,
    RESOURCES_BY_PATH,
    datapackage_json,
    licence,
    readme_text,
)


@require_GET
def overview(request):
    resources = [
        {"resource": resource, "fields": [row for f in resource.fields for row in f.flattened()]}
        for resource in RESOURCES
    ]
    context = {"page_title": _("Open data"), "licence": licence(), "resources": resources}
    return render(request, "cases/open_data.html", context)


@require_GET
def download(request, filename: str):
    """datapackage.json, README.txt or one resource's JSON Lines file."""
    if filename == "datapackage.json":
        response = HttpResponse(
            datapackage_json(timezone.now()), content_type="application/json; charset=utf-8"
        )
    elif filename == "README.txt":
        response = HttpResponse(
            readme_text(timezone.now()), content_type="text/plain; charset=utf-8"
        )
    elif filename in RESOURCES_BY_PATH:
        urls = PageUrls(request.build_absolute_uri("/"))
        response = StreamingHttpResponse(
            RESOURCES_BY_PATH[filename].lines(urls),
            content_type=f"{JSONL_MEDIA_TYPE}; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="kunskapsbanken-{filename}"'
    else:
        raise Http404(_("The open-data package has no file by that name."))
    # Open data: any web page may fetch it.
    response["Access-Control-Allow-Origin"] = "*"
    return response
