"""Index updates follow publishing: search/ listens, cases/ and themes/ do not know about it."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
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
