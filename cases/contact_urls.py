"""Mounted by cms/urls.py under /insats/ (and /en/insats/), with the client key it passes in."""

from django.urls import path

from .views.contact import ContactView, contact_sent


def urlpatterns_with(client_key):
    return [
        path(
            "<id:page_id>/kontakta/",
            ContactView.as_view(client_key=client_key),
            name="case_contact",
        ),
        path("<id:page_id>/kontakta/skickat/", contact_sent, name="case_contact_sent"),
    ]
