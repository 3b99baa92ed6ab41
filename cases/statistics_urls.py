"""/statistik/: the public follow-up figures and their downloads."""

from django.urls import path

from .views.spread import spread_page
from .views.statistics import statistics_export, statistics_page, statistics_workbook

urlpatterns = [
    path("", statistics_page, name="statistics"),
    path("spridning/", spread_page, name="statistics_spread"),
    # Before the per-figure pattern, which "alla.xlsx" would also match.
    path("export/alla.xlsx", statistics_workbook, name="statistics_workbook"),
    path("export/<slug:key>.<str:format_key>", statistics_export, name="statistics_export"),
]
