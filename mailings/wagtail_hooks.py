from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import mailing_list, may_view_mailings, retry_mailing


@hooks.register("register_admin_urls")
def register_mailing_urls():
    return [
        path("reports/utskick/", mailing_list, name="mailings_list"),
        path("reports/utskick/<int:pk>/forsok-igen/", retry_mailing, name="mailings_retry"),
    ]


class MailingsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_view_mailings(request.user)


@hooks.register("register_reports_menu_item")
def register_mailings_menu_item():
    return MailingsMenuItem(
        _("Outgoing mail"), reverse("mailings_list"), icon_name="mail", order=175
    )
