"""Admin report (Reports → Outgoing mail): what was sent, what waits, what failed and why."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.permission_policies.pages import PagePermissionPolicy

from .masking import mask_address
from .models import Mailing
from .sending import retry_now

PER_PAGE = 50


def may_view_mailings(user) -> bool:
    """Moderators and administrators (those who may publish); municipality editors may not."""
    return user.is_active and PagePermissionPolicy().user_has_permission(user, "publish")


def _choice(value: str, choices) -> str:
    """A filter value from the query string, or "" for anything that is not one of the choices."""
    return value if value in choices.values else ""


def mailing_list(request):
    if not may_view_mailings(request.user):
        raise PermissionDenied
    kind = _choice(request.GET.get("typ", ""), Mailing.Kind)
    status = _choice(request.GET.get("status", ""), Mailing.Status)
    mailings = Mailing.objects.all()
    if kind:
        mailings = mailings.filter(kind=kind)
    if status:
        mailings = mailings.filter(status=status)
    page = Paginator(mailings, PER_PAGE).get_page(request.GET.get("sida"))
    for mailing in page:
        mailing.masked_recipient = mask_address(mailing.recipient)
    counts = dict(Mailing.objects.values_list("status").annotate(n=Count("pk")))
    return render(
        request,
        "mailings/admin/mailing_list.html",
        {
            "page_title": _("Outgoing mail"),
            "header_icon": "mail",
            "page": page,
            "kinds": Mailing.Kind.choices,
            "statuses": Mailing.Status.choices,
            "kind": kind,
            "status": status,
            "counts": [(label, counts.get(value, 0)) for value, label in Mailing.Status.choices],
            "now": timezone.now(),
        },
    )


@require_POST
def retry_mailing(request, pk: int):
    if not may_view_mailings(request.user):
        raise PermissionDenied
    mailing = get_object_or_404(Mailing, pk=pk)
    if retry_now(mailing):
        messages.success(request, _("The e-mail is queued to be sent again."))
    else:
        messages.error(request, _("Only failed e-mails that are not yet blanked can be retried."))
    back = request.POST.get("next", "")
    if not back.startswith("/") or back.startswith("//"):
        back = ""
    return redirect(back or "mailings_list")
