"""Index updates follow publishing and privacy: search/ listens, cases/ and themes/ do not know
about it."""

from django.conf import settings
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.utils import translation
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cases.bulk import cases_published
from cases.models import CaseStudyPage, Municipality, MunicipalityPage
from themes.models import Keyword, TargetGroup, Theme, ThemeIndexPage

from .documents import focus_area_index
from .indexing import cases_changed, cases_under
from .models import CaseSearchTag


@receiver(page_published, sender=CaseStudyPage)
@receiver(page_unpublished, sender=CaseStudyPage)
def case_published_or_unpublished(sender, instance, **kwargs):
    cases_changed([instance.pk])


@receiver(cases_published, sender=CaseStudyPage)
def cases_published_in_bulk(sender, page_ids, pages=None, **kwargs):
    cases_changed(page_ids, pages)


@receiver(page_published, sender=MunicipalityPage)
def municipality_page_published(sender, instance, **kwargs):
    """A new slug or title of a municipality page changes the URL of every case below it."""
    cases_changed(cases_under(instance))


@receiver(post_page_move, sender=CaseStudyPage)
@receiver(post_page_move, sender=MunicipalityPage)
def page_moved(sender, instance, **kwargs):
    cases_changed(cases_under(instance))


@receiver(page_published, sender=ThemeIndexPage)
@receiver(page_unpublished, sender=ThemeIndexPage)
@receiver(post_page_move, sender=ThemeIndexPage)
def focus_area_index_changed(sender, instance, **kwargs):
    """Documents carry each focus area's page address: when the focus-area index page moves,
    gets another slug or goes, every case is re-indexed (only then: it is a rare, large job)."""
    if _focus_area_addresses_stale():
        cases_changed(CaseStudyPage.objects.values_list("pk", flat=True))


def _focus_area_addresses_stale() -> bool:
    indexed = CaseSearchTag.objects.filter(kind="themes").values_list("slug", "url").first()
    if indexed is None:
        return False
    slug, url = indexed
    with translation.override(settings.LANGUAGE_CODE):
        index = focus_area_index()
        return url != (index.theme_url(Theme(slug=slug)) if index else "")


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
        cases_changed(_cases_of(instance))


def _cases_of(instance) -> list[int]:
    if isinstance(instance, Keyword):  # a tag: its cases are reached through the tagging rows
        return list(instance.tagged_cases.values_list("content_object_id", flat=True))
    return list(instance.cases.values_list("pk", flat=True))


@receiver(post_save, sender=Municipality)
def municipality_changed(sender, instance, created, **kwargs):
    if not created:
        cases_changed(instance.cases.values_list("pk", flat=True))


@receiver(pre_delete, sender=Theme)
@receiver(pre_delete, sender=TargetGroup)
@receiver(pre_delete, sender=Keyword)
def taxonomy_deleting(sender, instance, **kwargs):
    # Their cases are known only before the delete; they are re-indexed after it.
    instance._search_cases = _cases_of(instance)


@receiver(post_delete, sender=Theme)
@receiver(post_delete, sender=TargetGroup)
@receiver(post_delete, sender=Keyword)
def taxonomy_deleted(sender, instance, **kwargs):
    cases_changed(getattr(instance, "_search_cases", []))
