"""/insats/<id>/kontakta/: a reader writes to a case's contact person (cases/contact_messages.py).

Not a route of the case page on purpose: case pages are cached whole for anonymous visitors and
carry no CSRF cookie, so they only link here; this page is personal (CSRF cookie, never cached).
The contact person's address never reaches the template.
"""

from __future__ import annotations

from http import HTTPStatus

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from core.rate_limits import client_key

from ..contact_form import ContactForm, new_started_token
from ..contact_messages import contactable_case, rate_limit_reached, send_contact_message


def _case_or_404(page_id: int):
    case = contactable_case(page_id)
    if case is None:
        raise Http404(_("This case takes no messages."))
    return case


@method_decorator([never_cache, csrf_protect], name="dispatch")
class ContactView(View):
    def get(self, request, page_id: int):
        case = _case_or_404(page_id)
        form = ContactForm(initial={"started": new_started_token()})
        return self._page(request, case, form)

    def post(self, request, page_id: int):
        case = _case_or_404(page_id)
        form = ContactForm(request.POST)
        if not form.is_valid():
            return self._page(request, case, form)
        if rate_limit_reached(client_key(request), case.pk):
            form.add_error(
                None,
                _(
                    "Many messages have been sent from here or to this case in the last hour. "
                    "Your text is kept – try again later."
                ),
            )
            return self._page(request, case, form, status=HTTPStatus.TOO_MANY_REQUESTS)
        send_contact_message(case, form.cleaned_data)
        return redirect(reverse("case_contact_sent", args=[case.pk]))

    def _page(self, request, case, form, status=HTTPStatus.OK):
        context = {"case": case, "form": form, "page_title": _("Contact the case's team")}
        return render(request, "cases/contact/contact_page.html", context, status=status)


@never_cache
def contact_sent(request, page_id: int):
    case = _case_or_404(page_id)
    context = {"case": case, "page_title": _("Your message has been sent")}
    return render(request, "cases/contact/contact_sent.html", context)
