from django.urls import path

from . import views

urlpatterns = [
    path("folj/", views.subscribe, name="subscribe"),
    path("folj/skickat/", views.sent, name="subscription_sent"),
    path("folj/bekrafta/<str:token>/", views.confirm, name="subscription_confirm"),
    path("folj/avsluta/<str:token>/", views.unsubscribe, name="subscription_unsubscribe"),
    path("folj/radera/", views.erase, name="subscription_erase"),
    path("folj/radera/<str:token>/", views.erase_confirm, name="subscription_erase_confirm"),
    path("om/personuppgifter/", views.privacy, name="privacy"),
]
