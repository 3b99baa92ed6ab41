"""/sok/export/<token>/…: a background export's page, status and file (under i18n_patterns)."""

from django.urls import path

from search.ratelimit import rate_limited

from . import views

# <slug:> is the alphabet of secrets.token_urlsafe (downloads/models.py): any other character is
# a 404 from the resolver and never reaches the database (PostgreSQL refuses NUL in a query).
urlpatterns = [
    path("<slug:token>/", views.job_page, name="export_job"),
    path("<slug:token>/status/", views.job_status, name="export_job_status"),
    path(
        "<slug:token>/fil/<str:filename>",
        rate_limited("download")(views.job_file),
        name="export_job_file",
    ),
]
