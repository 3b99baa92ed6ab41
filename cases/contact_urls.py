"""Mounted by cms/urls.py under /insats/ (and /en/insats/)."""

from django.urls import path

from .views.contact import ContactView, contact_sent

urlpatterns = [
    path("<id:page_id>/kontakta/", ContactView.as_view(), name="case_contact"),
    path("<id:page_id>/kontakta/skickat/", contact_sent, name="case_contact_sent"),
]
