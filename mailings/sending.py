"""Queueing, delivering, retrying and blanking outgoing mail (usage: the package docstring)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from .models import Mailing

logger = logging.getLogger(__name__)

MAX_ERROR_LENGTH = 2000
LONGEST_PAUSE = timedelta(hours=24)


def max_attempts() -> int:
    return getattr(settings, "MAILINGS_MAX_ATTEMPTS", 8)


def retry_pause(attempts: int) -> timedelta:
    """The pause after the `attempts`-th failed try: MAILINGS_RETRY_MINUTES, doubling, at most a
    day (5, 10, 20, 40 minutes … with the default)."""
    base = timedelta(minutes=getattr(settings, "MAILINGS_RETRY_MINUTES", 5))
    return min(base * 2 ** max(0, attempts - 1), LONGEST_PAUSE)


def queue_mail(
    *,
    kind: str,
    to: str,
    subject: str,
    text: str,
    html: str = "",
    headers: dict | None = None,
    reply_to: str = "",
    dedupe_key: str | None = None,
) -> Mailing | None:
    """Store one e-mail and deliver it in the background once the transaction commits.

    None when `dedupe_key` was used before (that e-mail is already queued or sent). ValueError for
    an address that is not one: callers validate what people type before they get here.
    """
    for address in filter(None, [to, reply_to]):
        try:
            validate_email(address)
        except ValidationError as error:
            raise ValueError(f"Not an e-mail address: {address!r}") from error
    if dedupe_key is not None and Mailing.objects.filter(dedupe_key=dedupe_key).exists():
        return None
    now = timezone.now()
    try:
        with transaction.atomic():
            mailing = Mailing.objects.create(
                kind=kind,
                recipient=to,
                subject=" ".join(subject.split())[:255],  # a header holds no line breaks
                text_body=text,
                html_body=html,
                headers=dict(headers or {}),
                reply_to=reply_to,
                dedupe_key=dedupe_key,
                created=now,
                next_attempt_at=now,
            )
    except IntegrityError:
        if dedupe_key is None:
            raise
        return None  # queued by a concurrent call with the same key
    transaction.on_commit(lambda: deliver.enqueue(mailing.pk))
    return mailing


@task()
def deliver(mailing_id: int) -> None:
    attempt_delivery(mailing_id)


def attempt_delivery(mailing_id: int, now: datetime | None = None) -> Mailing | None:
    """Try to send one mailing if it is due; the row says how it went. Safe to call twice at
    once (the worker and send_pending_mail): only the caller that claims the attempt sends."""
    now = now or timezone.now()
    mailing = Mailing.objects.filter(pk=mailing_id).first()
    if mailing is None or mailing.status not in (Mailing.Status.QUEUED, Mailing.Status.FAILED):
        return mailing
    if mailing.next_attempt_at is not None and mailing.next_attempt_at > now:
        return mailing
    attempt = mailing.attempts + 1
    # Claimed with the next attempt's time already set: if this process dies while sending,
    # the timer tries again later instead of never.
    claimed = Mailing.objects.filter(
        pk=mailing.pk, attempts=mailing.attempts, status=mailing.status
    ).update(attempts=attempt, next_attempt_at=now + retry_pause(attempt))
    if not claimed:
        return Mailing.objects.get(pk=mailing.pk)
    try:
        _message(mailing).send()
    except Exception as error:  # SMTP, DNS, refused connection …: all recorded, none fatal
        logger.warning("Mailing %d failed (attempt %d): %s", mailing.pk, attempt, error)
        gave_up = attempt >= max_attempts()
        Mailing.objects.filter(pk=mailing.pk).update(
            status=Mailing.Status.GIVEN_UP if gave_up else Mailing.Status.FAILED,
            last_error=f"{type(error).__name__}: {error}"[:MAX_ERROR_LENGTH],
            **({"next_attempt_at": None} if gave_up else {}),
        )
    else:
        Mailing.objects.filter(pk=mailing.pk).update(
            status=Mailing.Status.SENT, sent_at=timezone.now(), next_attempt_at=None
        )
    return Mailing.objects.get(pk=mailing.pk)


def _message(mailing: Mailing) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=mailing.subject,
        body=mailing.text_body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mailing.recipient],
        headers=mailing.headers or None,
        reply_to=[mailing.reply_to] if mailing.reply_to else None,
    )
    if mailing.html_body:
        message.attach_alternative(mailing.html_body, "text/html")
    return message


def due_mailings(now: datetime):
    return Mailing.objects.filter(
        status__in=[Mailing.Status.QUEUED, Mailing.Status.FAILED], next_attempt_at__lte=now
    ).order_by("next_attempt_at", "pk")


def send_due(now: datetime | None = None) -> list[Mailing]:
    """Try every mailing that is due now (queued ones the worker has not taken, and retries)."""
    now = now or timezone.now()
    ids = list(due_mailings(now).values_list("pk", flat=True))
    return [result for pk in ids if (result := attempt_delivery(pk, now)) is not None]


def retry_now(mailing: Mailing) -> bool:
    """The admin's "Försök igen": a failed or given-up mailing is queued again at once."""
    if mailing.status not in (Mailing.Status.FAILED, Mailing.Status.GIVEN_UP) or mailing.blanked_at:
        return False
    updated = Mailing.objects.filter(pk=mailing.pk, status=mailing.status).update(
        status=Mailing.Status.QUEUED, next_attempt_at=timezone.now()
    )
    if updated:
        transaction.on_commit(lambda: deliver.enqueue(mailing.pk))
    return bool(updated)


def blank_old_mail(now: datetime | None = None) -> int:
    """Blank the recipient, bodies, headers, reply-to and error (which may quote the address) of
    mail sent or given up more than MAILINGS_KEEP_DAYS ago. Returns how many rows were blanked."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=getattr(settings, "MAILINGS_KEEP_DAYS", 30))
    old = Q(status=Mailing.Status.SENT, sent_at__lt=cutoff) | Q(
        status=Mailing.Status.GIVEN_UP, created__lt=cutoff
    )
    return Mailing.objects.filter(old, blanked_at__isnull=True).update(
        recipient="",
        text_body="",
        html_body="",
        headers={},
        reply_to="",
        last_error="",
        blanked_at=now,
    )
