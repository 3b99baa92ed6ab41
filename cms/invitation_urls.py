"""The invitation link's page, outside /admin/ because the invited person is not signed in yet.
Mounted by cms/urls.py as `path("inbjudan/", include("cms.invitation_urls"))`."""

from django.urls import path

from .invitations import AcceptInvitationView

urlpatterns = [
    path("<uidb64>/<token>/", AcceptInvitationView.as_view(), name="accept_invitation"),
]
