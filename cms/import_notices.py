"""Telling a municipality's editors that an import has left drafts for them.

cases.exchange.importer sends `drafts_imported` after an import; each municipality with new drafts
gets one e-mail to its editors (the users of the groups with page rights on its page) listing the
drafts, with a link to the dashboard, which lists them too (cms/dashboard/).
"""

from __future__ import annotations

import logging
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from cases.exchange.importer import ImportSummary, drafts_imported
from cases.models import CaseStudyPage, MunicipalityPage

from .site_url import absolute_url

logger = logging.getLogger(__name__)


def editors_of(municipality_page: MunicipalityPage):
    """Active users with an e-mail address in a group that has page rights on the page."""
    return (
        get_user_model()
        .objects.filter(groups__page_permissions__page=municipality_page, is_active=True)
        .exclude(email="")
        .distinct()
    )


def drafts_by_municipality(page_ids) -> dict[MunicipalityPage, list[CaseStudyPage]]:
    drafts = CaseStudyPage.objects.filter(pk__in=page_ids).order_by("title")
    pages = {
        page.municipality_id: page
        for page in MunicipalityPage.objects.filter(
            municipality__in={draft.municipality_id for draft in drafts}
        )
    }
    grouped: dict[MunicipalityPage, list[CaseStudyPage]] = defaultdict(list)
    for draft in drafts:
        if draft.municipality_id in pages:
            grouped[pages[draft.municipality_id]].append(draft)
    return grouped


def tell_editors(summary: ImportSummary) -> int:
    """E-mail each municipality's editors about their new drafts; the number of e-mails sent."""
    sent = 0
    grouped = drafts_by_municipality([case.page_id for case in summary.created])
    for municipality_page, drafts in grouped.items():
        recipients = [user.email for user in editors_of(municipality_page)]
        if not recipients:
            continue
        context = {
            "municipality": municipality_page.title,
            "drafts": [
                {
                    "title": draft.title,
                    "url": absolute_url(reverse("wagtailadmin_pages:edit", args=[draft.pk])),
                }
                for draft in drafts
            ],
            "dashboard_url": absolute_url(reverse("wagtailadmin_home")),
        }
        with translation.override(settings.LANGUAGE_CODE):
            subject = render_to_string("cms/emails/import_notice_subject.txt", context).strip()
            text = render_to_string("cms/emails/import_notice.txt", context)
            html = render_to_string("cms/emails/import_notice.html", context)
        message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, bcc=recipients)
        message.attach_alternative(html, "text/html")
        try:
            message.send()
            sent += 1
        except OSError:  # the drafts exist either way; the dashboard lists them
            logger.exception("Could not e-mail the editors of %s", municipality_page.title)
    return sent


@receiver(drafts_imported)
def _on_drafts_imported(sender, summary: ImportSummary, **kwargs):
    tell_editors(summary)
