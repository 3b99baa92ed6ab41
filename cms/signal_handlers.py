"""What changes the published content, and so the content version (core/content_version.py)."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django_tasks.signals import task_finished
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.signals import page_published, page_unpublished, post_page_move

from cases.models import GrantAllocation, Municipality
from core.content_version import bump_content_version
from themes.models import Keyword, TargetGroup, Theme

# The background task that copies changes into a search cluster. Listings read the cluster, so a
# listing computed between the publish and the end of this task would be stale: the task's end is
# a change of what the public sees in its own right.
CLUSTER_SYNC_TASK = "search.tasks.sync_cluster"


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_changed(sender, **kwargs):
    bump_content_version()


@receiver(page_published)
def references_published(sender, instance, **kwargs):
    """Record now which documents the published content uses: who may download a document
    follows the pages that use it (cms/document_access.py), and Wagtail's own update of its
    reference index waits for the task worker."""
    ReferenceIndex.create_or_update_for_object(instance)


# A view restriction added or removed hides or shows pages and cases in every cached listing.
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def view_restriction_changed(sender, **kwargs):
    bump_content_version()


# Deleting any page deletes its wagtailcore.Page row too, so one sender covers every page type. (A
# receiver without a sender would make Django fetch and signal every row of every bulk delete.)
@receiver(post_delete, sender=Page)
def page_deleted(sender, **kwargs):
    bump_content_version()


@receiver(post_save, sender=Theme)
@receiver(post_save, sender=TargetGroup)
@receiver(post_save, sender=Keyword)
@receiver(post_save, sender=Municipality)
@receiver(post_save, sender=GrantAllocation)
@receiver(post_delete, sender=Theme)
@receiver(post_delete, sender=TargetGroup)
@receiver(post_delete, sender=Keyword)
@receiver(post_delete, sender=Municipality)
@receiver(post_delete, sender=GrantAllocation)
def reference_data_changed(sender, **kwargs):
    bump_content_version()


# Shown on public pages or used by public search, and edited outside the page tree: the site
# settings (footer), images and documents (titles, alt texts, files), the search synonyms and
# promotions, and the sites themselves (host names in links). Connected in connect_others().
OTHER_PUBLIC_MODELS = (
    "cms.SiteSettings",
    "cases.EvidenceLevelCriterion",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "case_search.SynonymGroup",
    "wagtailsearchpromotions.SearchPromotion",
    "wagtailsearchpromotions.Query",
    "wagtailcore.Site",
)


def other_content_changed(sender, **kwargs):
    bump_content_version()


def connect_others() -> None:
    for label in OTHER_PUBLIC_MODELS:
        model = apps.get_model(label)
        for signal in (post_save, post_delete):
            signal.connect(other_content_changed, sender=model, dispatch_uid=f"content-{label}")


connect_others()


@receiver(task_finished)
def search_cluster_synced(sender, task_result, **kwargs):
    if task_result.task.module_path == CLUSTER_SYNC_TASK:
        bump_content_version()
