"""A case's search document carries its evidence level, which may be derived from the cases that
name it as their inspiration (cases/evidence.py). So when an inspired case is published,
unpublished, made private or loses a link, the cases it names are re-indexed too."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from cases.bulk import cases_published
from cases.models import CaseInspiration, CaseStudyPage

from .indexing import cases_changed, cases_under


def sources_of(page_ids) -> list[int]:
    return list(
        CaseInspiration.objects.filter(page_id__in=list(page_ids)).values_list(
            "source_id", flat=True
        )
    )


@receiver(page_published, sender=CaseStudyPage)
@receiver(page_unpublished, sender=CaseStudyPage)
def inspired_case_published_or_unpublished(sender, instance, **kwargs):
    cases_changed(sources_of([instance.pk]))


@receiver(cases_published, sender=CaseStudyPage)
def inspired_cases_published_in_bulk(sender, page_ids, **kwargs):
    cases_changed(sources_of(page_ids))


@receiver(post_delete, sender=CaseInspiration)
def inspiration_removed(sender, instance, **kwargs):
    """A link dropped in a publish, or deleted with its case."""
    cases_changed([instance.source_id])


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def inspired_cases_privacy_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        cases_changed(sources_of(cases_under(page)))
