"""Signed links: confirm a subscription, unsubscribe from one, erase every subscription of an
address. django.core.signing with a salt per purpose, so one kind of token never works as another.

Confirm and erase links expire (LINK_MAX_AGE); an unsubscribe link does not – it must work from
any e-mail ever sent – and names the row and its address, so it can never reach another row.
"""

from __future__ import annotations

from datetime import timedelta

from django.core import signing

LINK_MAX_AGE = timedelta(days=7)

CONFIRM = "subscriptions.confirm"
UNSUBSCRIBE = "subscriptions.unsubscribe"
ERASE = "subscriptions.erase"


class BadToken(ValueError):
    pass


class ExpiredToken(BadToken):
    pass


def make(purpose: str, *parts) -> str:
    return signing.dumps(list(parts), salt=purpose, compress=True)


def read(purpose: str, token: str, *, max_age: timedelta | None = LINK_MAX_AGE) -> list:
    """The parts signed into `token`; BadToken when it is tampered with, expired or for another
    purpose."""
    try:
        parts = signing.loads(token[:500], salt=purpose, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ExpiredToken("expired") from error
    except signing.BadSignature as error:
        raise BadToken("bad signature") from error
    if not isinstance(parts, list):
        raise BadToken("bad payload")
    return parts


def confirm_token(subscription, frequency: str | None = None) -> str:
    """Carries the frequency asked for, so asking again for a followed target can change it."""
    return make(CONFIRM, subscription.pk, subscription.email, frequency or subscription.frequency)


def unsubscribe_token(subscription) -> str:
    return make(UNSUBSCRIBE, subscription.pk, subscription.email)


def erase_token(email: str) -> str:
    return make(ERASE, email)
