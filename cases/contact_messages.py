"""Asking a case's contact person: which cases take messages, sending one, who may read them, and
how long they are kept.

The contact person's address is read here and handed to the outgoing-mail queue (mailings), and
nowhere else: the public pages, the sender's copy and the admin list never contain it. The
message is kept as a ContactMessage for the municipality's editors (Wagtail page permissions on
the case's part of the tree) and for moderators, and deleted after
CONTACT_MESSAGE_RETENTION_MONTHS by `manage.py prune_contact_messages`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail.models import GroupPagePermission
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.rate_limits import count_in_window
from mailings.sending import queue_mail

from .models import CaseStudyPage, ContactMessage, public_cases

RATE_WINDOW_SECONDS = 60 * 60
# Editors of a municipality hold these on its page (cases/participation.py).
EDITOR_PERMISSIONS = ("add_page", "change_page")


def contactable_case(page_id: int) -> CaseStudyPage | None:
    """The case with this id if the public may see it and it names a contact e-mail."""
    return public_cases().filter(pk=page_id).exclude(contact_email="").first()


def rate_limit_reached(client: str, case_id: int, now: float | None = None) -> bool:
    """Count one accepted message for this client and this case; True once either has had more
    than its share in the current hour (CONTACT_RATE_LIMIT_PER_CLIENT / _PER_CASE per hour)."""
    limits = (
        (f"contact:client:{client}", settings.CONTACT_RATE_LIMIT_PER_CLIENT),
        (f"contact:case:{case_id}", settings.CONTACT_RATE_LIMIT_PER_CASE),
    )
    reached = False
    for name, limit in limits:
        if limit and count_in_window(name, RATE_WINDOW_SECONDS, now) > limit:
            reached = True
    return reached


def case_url(case: CaseStudyPage) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + (case.get_url() or "/")


@transaction.atomic
def send_contact_message(case: CaseStudyPage, data: dict) -> ContactMessage:
    """Store the message and queue two e-mails: to the contact person (Reply-To: the sender, in
    Swedish) and a copy to the sender (in the language of the page they wrote on)."""
    message = ContactMessage.objects.create(
        case=case,
        sender_name=data["name"],
        sender_email=data["email"],
        organisation=data.get("organisation", ""),
        message=data["message"],
    )
    context = {"case": case, "case_url": case_url(case), "contact": message}
    with translation.override(settings.LANGUAGE_CODE):
        queue_mail(
            kind="contact",
            to=case.contact_email,
            reply_to=message.sender_email,
            subject=render_to_string("cases/contact/owner_subject.txt", context).strip(),
            text=render_to_string("cases/contact/owner_mail.txt", context),
        )
    queue_mail(
        kind="contact_copy",
        to=message.sender_email,
        subject=render_to_string("cases/contact/copy_subject.txt", context).strip(),
        text=render_to_string("cases/contact/copy_mail.txt", context),
    )
    return message


def may_see_every_message(user) -> bool:
    """Superusers and moderators (who may publish anywhere)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or PagePermissionPolicy().user_has_permission(user, "publish")


def messages_visible_to(user) -> QuerySet[ContactMessage]:
    """The messages this user may read: all for moderators, those about cases in their own
    municipality's part of the tree for its editors, none for anyone else."""
    messages = ContactMessage.objects.select_related("case", "case__municipality")
    if may_see_every_message(user):
        return messages
    if not user.is_authenticated or not user.is_active:
        return messages.none()
    paths = (
        GroupPagePermission.objects.filter(
            group__user=user, permission__codename__in=EDITOR_PERMISSIONS
        )
        .values_list("page__path", flat=True)
        .distinct()
    )
    condition = Q()
    for path in paths:
        condition |= Q(case__path__startswith=path)
    return messages.filter(condition) if condition else messages.none()


def prune_old_messages(now: datetime | None = None, months: int | None = None) -> int:
    """Delete messages older than the retention period; returns how many went."""
    months = settings.CONTACT_MESSAGE_RETENTION_MONTHS if months is None else months
    cutoff = (now or timezone.now()) - timedelta(days=30 * months)
    deleted, _details = ContactMessage.objects.filter(created__lt=cutoff).delete()
    return deleted
