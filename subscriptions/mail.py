"""The e-mails of subscriptions, in the subscriber's language, text and HTML, queued through the
outgoing-mail app (mailings.sending.queue_mail), which sends, retries and logs them.

Every e-mail carries a one-click unsubscribe: a signed link in the body, and the List-Unsubscribe
and List-Unsubscribe-Post headers of RFC 8058, so mail programs can offer an unsubscribe button
that POSTs to the same link.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from . import links, tokens
from .models import Subscription
from .targets import target_of, target_path


def unsubscribe_headers(url: str) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _render(name: str, context: dict) -> tuple[str, str, str]:
    subject = render_to_string(f"subscriptions/emails/{name}_subject.txt", context)
    text = render_to_string(f"subscriptions/emails/{name}.txt", context)
    html = render_to_string(f"subscriptions/emails/{name}.html", context)
    return " ".join(subject.split()), text, html


def _common(subscription: Subscription) -> dict:
    language = subscription.language
    target = target_of(subscription)
    unsubscribe = links.unsubscribe_url(tokens.unsubscribe_token(subscription), language)
    return {
        "subscription": subscription,
        "target": target,
        "target_url": links.absolute(target_path(target), language),
        "unsubscribe_url": unsubscribe,
        "privacy_url": links.absolute("/om/personuppgifter/", language),
    }


def _page_path(page) -> str:
    parts = page.get_url_parts()
    return parts[2] if parts else "/"


def queue_confirmation(subscription: Subscription, *, frequency: str | None = None):
    from mailings.sending import queue_mail

    with translation.override(subscription.language):
        context = _common(subscription)
        context["confirm_url"] = links.confirm_url(
            tokens.confirm_token(subscription, frequency), subscription.language
        )
        subject, text, html = _render("confirmation", context)
    return queue_mail(
        kind="confirmation",
        to=subscription.email,
        subject=subject,
        text=text,
        html=html,
        headers=unsubscribe_headers(context["unsubscribe_url"]),
    )


def queue_digest(subscription: Subscription, items, until):
    from mailings.sending import queue_mail

    with translation.override(subscription.language):
        context = _common(subscription)
        context["items"] = [
            {
                "item": item,
                "url": links.absolute(_page_path(item.case), subscription.language),
            }
            for item in items
        ]
        subject, text, html = _render("digest", context)
    return queue_mail(
        kind="digest",
        to=subscription.email,
        subject=subject,
        text=text,
        html=html,
        headers=unsubscribe_headers(context["unsubscribe_url"]),
        dedupe_key=f"digest:{subscription.pk}:{until.isoformat()}",
    )


def queue_erase_link(email: str, language: str):
    from mailings.sending import queue_mail

    with translation.override(language):
        context = {
            "erase_url": links.erase_url(tokens.erase_token(email), language),
            "privacy_url": links.absolute("/om/personuppgifter/", language),
        }
        subject, text, html = _render("erase", context)
    return queue_mail(kind="confirmation", to=email, subject=subject, text=text, html=html)
