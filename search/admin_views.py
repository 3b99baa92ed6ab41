from datetime import date

from django.shortcuts import render
from django.utils.translation import gettext as _

from .analytics import top_queries, week_of, weekly_summaries, zero_result_queries


def search_statistics(request):
    """Admin report: searches, searches without results and click-through, week by week."""
    summaries = weekly_summaries()
    try:
        chosen = week_of(date.fromisoformat(request.GET.get("vecka", "")))
    except ValueError:
        chosen = summaries[0].week if summaries else week_of(date.today())
    return render(
        request,
        "search/admin/statistics.html",
        {
            "page_title": _("Search statistics"),
            "header_icon": "search",
            "summaries": summaries,
            "week": chosen,
            "top": top_queries(chosen),
            "zero": zero_result_queries(chosen),
        },
    )
