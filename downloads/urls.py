"""/sok/export/<token>/…: a background export's page, status and file (under i18n_patterns)."""

from django.urls import path

from search.ratelimit import rate_limited

from . import views

urlpatterns = [
    path("<str:token>/", views.job_page, name="export_job"),
    path("<str:token>/status/", views.job_status, name="export_job_status"),
    path(
        "<str:token>/fil/<str:filename>",
        rate_limited("download")(views.job_file),
        name="export_job_file",
    ),
]
