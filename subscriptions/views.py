"""The pages of subscriptions: subscribe (/folj/), confirm, unsubscribe (one click, RFC 8058) and
erase every subscription of an address. None is cached: each holds a form or acts on a token.

Bad input – an unknown target, a tampered or expired link, a bad address – gets a page with a
Swedish (or English) message and a 400, never an error page.
"""

from __future__ import annotations

from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from search.ratelimit import check, too_many_requests

from . import limits, tokens
from .forms import EraseForm, SubscribeForm
from .links import in_language
from .mail import queue_confirmation, queue_erase_link
from .models import Subscription
from .targets import Target, UnknownTarget, target_from_params, target_of, target_path

RATE_SCOPE = "subscribe"


def _language() -> str:
    return (translation.get_language() or "sv").split("-")[0]


def _problem(request, message: str, status: int = 400):
    return render(
        request,
        "subscriptions/message.html",
        {"page_title": _("Follow by e-mail"), "problem": message},
        status=status,
    )


def _too_many(request):
    return _problem(
        request,
        _("Too many e-mails have been asked for from here in the last hour. Try again later."),
        status=429,
    )


def _refusal(request, form):
    """The answer to a client over its limits – per minute for any post, per hour for one that
    would send an e-mail – or None to go on."""
    retry_after = check(request, RATE_SCOPE)
    if retry_after is not None:
        return too_many_requests(retry_after)
    if form.is_valid() and not limits.client_allowed(request):
        return _too_many(request)
    return None


def _done(request, title: str, message: str, **extra):
    return render(
        request, "subscriptions/message.html", {"page_title": title, "message": message, **extra}
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    source = request.POST if request.method == "POST" else request.GET
    try:
        target = target_from_params(source)
    except UnknownTarget as error:
        return _problem(request, str(error))
    form = SubscribeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        refusal = _refusal(request, form)
        if refusal is not None:
            return refusal
        if form.is_valid():
            email = form.cleaned_data["email"]
            # Over the address's limit nothing is sent, but the page says the same, so the form
            # cannot be used to learn anything about the address.
            if limits.address_allowed(email):
                _subscribe(email, form.cleaned_data["frequency"], target)
            return redirect(in_language("/folj/skickat/", _language()))
    return render(
        request,
        "subscriptions/subscribe.html",
        {
            "page_title": _("Follow by e-mail"),
            "form": form,
            "target": target,
            "target_url": in_language(target_path(target), _language()),
            "hidden": _hidden_fields(target),
        },
    )


def _hidden_fields(target: Target) -> dict[str, str]:
    name = {
        Subscription.Kind.THEME: "tema",
        Subscription.Kind.MUNICIPALITY: "kommun",
        Subscription.Kind.SEARCH: "sok",
    }[target.kind]
    return {name: target.value}


def _subscribe(email: str, frequency: str, target: Target) -> None:
    """A new unconfirmed subscription, or the existing one; either way a confirmation e-mail.
    The page says the same whatever existed, so it tells nobody who follows what."""
    email = email.strip()
    with transaction.atomic():
        subscription, _created = Subscription.objects.get_or_create(
            email=email,
            kind=target.kind,
            target=target.value,
            defaults={"frequency": frequency, "language": _language()},
        )
        if not subscription.confirmed:
            subscription.frequency = frequency
            subscription.language = _language()
            subscription.save(update_fields=["frequency", "language"])
        queue_confirmation(subscription, frequency=frequency)


@never_cache
def sent(request):
    return _done(
        request,
        _("Check your inbox"),
        _(
            "We have sent you an e-mail with a link. Nothing is sent to you until you have "
            "confirmed with that link. The link is valid for seven days."
        ),
    )


def _read(purpose: str, token: str, **kwargs):
    try:
        return tokens.read(purpose, token, **kwargs), None
    except tokens.ExpiredToken:
        return None, _("The link has expired. Please start again.")
    except tokens.BadToken:
        return None, _("The link is not valid. Copy the whole link from the e-mail.")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token: str):
    parts, problem = _read(tokens.CONFIRM, token)
    if problem:
        return _problem(request, problem)
    pk, email, frequency = [*parts, None, None, None][:3]
    subscription = Subscription.objects.filter(pk=pk, email=email).first()
    if subscription is None:
        return _problem(request, _("This subscription no longer exists. Please start again."))
    target = target_of(subscription)
    if request.method != "POST":
        return render(
            request,
            "subscriptions/confirm.html",
            {"page_title": _("Confirm your subscription"), "target": target},
        )
    if not subscription.confirmed:
        subscription.confirmed_at = timezone.now()
        subscription.last_sent_until = subscription.confirmed_at
    if frequency in Subscription.Frequency.values:
        subscription.frequency = frequency
    subscription.save(update_fields=["confirmed_at", "last_sent_until", "frequency"])
    return _done(
        request,
        _("You are now following %(target)s") % {"target": target.label},
        _(
            "You will get an e-mail when cases are published or changed. Every e-mail has a link "
            "to stop following."
        ),
    )


@never_cache
@csrf_exempt  # the signed token is the authority; RFC 8058 mail clients POST without a form
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    parts, problem = _read(tokens.UNSUBSCRIBE, token, max_age=None)
    if problem:
        return _problem(request, problem)
    pk, email = [*parts, None, None][:2]
    subscription = Subscription.objects.filter(pk=pk, email=email).first()
    if request.method != "POST":
        if subscription is None:
            return _done(request, _("Unsubscribed"), _("You are not following this any more."))
        return render(
            request,
            "subscriptions/unsubscribe.html",
            {"page_title": _("Stop following"), "target": target_of(subscription)},
        )
    Subscription.objects.filter(pk=pk, email=email).delete()
    return _done(
        request,
        _("Unsubscribed"),
        _(
            "You are not following this any more. Your address has been deleted from the "
            "subscription."
        ),
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def erase(request):
    form = EraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        refusal = _refusal(request, form)
        if refusal is not None:
            return refusal
        if form.is_valid():
            email = form.cleaned_data["email"].strip()
            held = Subscription.objects.filter(email__iexact=email).exists()
            if held and limits.address_allowed(email):
                queue_erase_link(email, _language())
            return _done(
                request,
                _("Check your inbox"),
                _(
                    "If the address follows anything on Kunskapsbanken, we have sent it a link "
                    "that deletes all its subscriptions. The link is valid for seven days."
                ),
            )
    return render(
        request,
        "subscriptions/erase.html",
        {"page_title": _("Delete my data"), "form": form},
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def erase_confirm(request, token: str):
    parts, problem = _read(tokens.ERASE, token)
    if problem:
        return _problem(request, problem)
    email = str(parts[0]) if parts else ""
    if request.method != "POST":
        count = Subscription.objects.filter(email__iexact=email).count()
        return render(
            request,
            "subscriptions/erase_confirm.html",
            {"page_title": _("Delete my data"), "email": email, "count": count},
        )
    Subscription.objects.filter(email__iexact=email).delete()
    return _done(
        request,
        _("Your data have been deleted"),
        _("All subscriptions of the address have been deleted. Nothing more will be sent to it."),
    )


def privacy(request):
    return render(request, "subscriptions/privacy.html", {"page_title": _("Personal data")})
