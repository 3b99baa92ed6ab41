"""Absolute links in the subscriber's language: SITE_URL, then /en/ for English."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def in_language(path: str, language: str) -> str:
    if language == "en" and not path.startswith("/en/"):
        return "/en" + path
    return path


def absolute(path: str, language: str = "sv") -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + in_language(path, language)


def confirm_url(token: str, language: str) -> str:
    return absolute(_plain(reverse("subscription_confirm", args=[token])), language)


def unsubscribe_url(token: str, language: str) -> str:
    return absolute(_plain(reverse("subscription_unsubscribe", args=[token])), language)


def erase_url(token: str, language: str) -> str:
    return absolute(_plain(reverse("subscription_erase_confirm", args=[token])), language)


def _plain(path: str) -> str:
    """reverse() inside i18n_patterns adds the active language's prefix; links name theirs."""
    return path[3:] if path.startswith("/en/") else path
