"""Index updates follow publishing and privacy: search/ listens, cases/ and themes/ do not know
about it."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cases.models import CaseStudyPage, Municipality, MunicipalityPage
from themes.models import Keyword, TargetGroup, Theme

from .indexing import cases_changed, cases_under


@receiver(page_published, sender=CaseStudyPage)
@receiver(page_unpublished, sender=CaseStudyPage)
def case_published_or_unpublished(sender, instance, **kwargs):
    cases_changed([instance.pk])


@receiver(post_page_move, sender=CaseStudyPage)
@receiver(post_page_move, sender=MunicipalityPage)
def page_moved(sender, instance, **kwargs):
    cases_changed(cases_under(instance))


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def view_restriction_changed(sender, instance, **kwargs):
    """A password, login or group restriction added to, changed on or removed from any page
    makes every case at or below it private or public again: re-index them now, like a publish
    (the documents are built from public cases only, so private ones are deleted)."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:  # None while the page itself is being deleted: case_deleted covers it
        cases_changed(cases_under(page))


@receiver(post_delete, sender=CaseStudyPage)
def case_deleted(sender, instance, **kwargs):
    cases_changed([instance.pk])


@receiver(post_save, sender=Theme)
@receiver(post_save, sender=TargetGroup)
@receiver(post_save, sender=Keyword)
def taxonomy_changed(sender, instance, created, **kwargs):
    if not created:
        cases_changed(instance.cases.values_list("pk", flat=True))


@receiver(post_save, sender=Municipality)
def municipality_changed(sender, instance, created, **kwargs):
    if not created:
        cases_changed(instance.cases.values_list("pk", flat=True))
