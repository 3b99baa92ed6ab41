from datetime import date

from django.shortcuts import render
from django.utils.translation import gettext as _

from cases.params import parse_date
from core.task_queue import queue_summary, recent_failures, running_tasks

from .analytics import top_queries, week_of, weekly_summaries, zero_result_queries


def search_statistics(request):
    """Admin report: searches, searches without results and click-through, week by week."""
    summaries = weekly_summaries()
    today = date.today()
    day = parse_date(request.GET.get("vecka", ""), earliest=date(2000, 1, 1), latest=today)
    latest = summaries[0].week if summaries else week_of(today)
    chosen = week_of(day) if day is not None else latest
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


def task_queue(request):
    """Admin report: the background task queue – waiting, running and failed work."""
    return render(
        request,
        "search/admin/task_queue.html",
        {
            "page_title": _("Task queue"),
            "header_icon": "time",
            "summary": queue_summary(),
            "running": running_tasks(),
            "failures": recent_failures(),
        },
    )
