from django.urls import path

from . import api_views

urlpatterns = [
    path("", api_views.index, name="api_index"),
    path("sok/", api_views.search, name="api_search"),
    path("insatser/<str:page_id>/", api_views.case_detail, name="api_case"),
    path("forslag/", api_views.autocomplete, name="api_autocomplete"),
    path("openapi.json", api_views.openapi, name="api_schema"),
]
