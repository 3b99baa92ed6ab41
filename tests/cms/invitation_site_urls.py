"""The site's URLs with the invitation page mounted, as cms/urls.py is asked to mount it."""

from django.urls import include, path

from cms.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("inbjudan/", include("cms.invitation_urls")), *site_urlpatterns]
