from django.urls import path

from . import api_views, views

urlpatterns = [
    path("", views.search_page, name="search"),
    path("forslag/", api_views.autocomplete, name="search_autocomplete"),
    path("till/<id:page_id>/", views.follow_result, name="search_follow"),
]
