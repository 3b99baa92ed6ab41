"""Downloads of the filtered case list: /sok/export.csv?tema=grundskola, and the other formats.

The query string is the search page's, so "Ladda ner listan" on /sok/ keeps every filter. The
file streams: rows are read in chunks while the response is being sent. A list longer than
EXPORT_BACKGROUND_THRESHOLD cases is not streamed: `start_in_background` (the downloads app's,
handed in by cms/urls.py) answers instead, with the page of a job the task worker writes the file
in (issue #17).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain, islice
from typing import Any

from django.conf import settings
from django.http import Http404, HttpResponse, QueryDict, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from cases.exchange.case_list import case_list_rows
from cases.exchange.case_rows import PageUrls
from cases.exchange.columns import EXPORT_COLUMNS
from cases.exchange.writers import FORMATS, stream

# What follows "export." in the address -> writers.FORMATS key.
EXPORT_SUFFIXES = {
    "csv": "csv",
    "semikolon.csv": "csv-semikolon",
    "xlsx": "xlsx",
    "json": "json",
    "jsonl": "jsonl",
}
FILE_STEM = "kunskapsbanken-insatser"


def export_filename(format_key: str, day) -> str:
    """A dated ASCII name, e.g. kunskapsbanken-insatser-2026-11-27-semikolon.csv."""
    variant = "-semikolon" if format_key == "csv-semikolon" else ""
    return f"{FILE_STEM}-{day:%Y-%m-%d}{variant}.{FORMATS[format_key].extension}"


def attachment(chunks, format_key: str, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type=FORMATS[format_key].content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Robots-Tag"] = "noindex"
    return response


class CaseListExport(View):
    """The published cases /sok/ lists for the same query string, as a file.

    `parse_params` (query string -> criteria) and `case_ids` (criteria -> the listed page ids) are
    the search app's; cms/urls.py passes them in through as_view(), because cases does not import
    search. So is `start_in_background` (request, format key -> response), called instead of
    streaming when the list has more than EXPORT_BACKGROUND_THRESHOLD cases.

    Django answers HEAD with this GET view and drops the body, so HEAD is told apart here: it
    gets the GET's headers without the rows being read, and `start_in_background` starts no job
    for it.
    """

    http_method_names = ["get", "head"]
    parse_params: Callable[[QueryDict], Any] | None = None
    case_ids: Callable[[Any], Any] | None = None
    start_in_background: Callable[[Any, str], HttpResponse] | None = None

    def get(self, request, suffix: str):
        format_key = EXPORT_SUFFIXES.get(suffix)
        if format_key is None:
            raise Http404(_("There is no download in that format."))
        criteria = self.parse_params(request.GET)
        ids = iter(self.case_ids(criteria))
        if self.start_in_background is not None:
            # The ids read to decide are the ones streamed: no second search for a short list.
            threshold = settings.EXPORT_BACKGROUND_THRESHOLD
            first = list(islice(ids, threshold + 1))
            if len(first) > threshold:
                return self.start_in_background(request, format_key)
            ids = chain(first, ids)
        filename = export_filename(format_key, timezone.localdate())
        if request.method == "HEAD":
            # The headers the GET would send; the rows would only be thrown away.
            return attachment(iter(()), format_key, filename)
        rows = case_list_rows(
            criteria, PageUrls(request.build_absolute_uri("/")), case_ids=lambda _criteria: ids
        )
        return attachment(stream(format_key, EXPORT_COLUMNS, rows), format_key, filename)
