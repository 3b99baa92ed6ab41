from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published, post_page_move

from .models import CaseReview, CaseStudyPage


@receiver(post_page_move, sender=CaseStudyPage)
def keep_municipality_in_step_with_the_tree(sender, instance, **kwargs):
    """A case moved to another municipality page belongs to that municipality from then on."""
    case = CaseStudyPage.objects.get(pk=instance.pk)
    municipality_id = case.municipality_from_tree()
    if municipality_id != case.municipality_id:
        CaseStudyPage.objects.filter(pk=case.pk).update(municipality_id=municipality_id)


@receiver(page_published, sender=CaseStudyPage)
def record_review(sender, instance, **kwargs):
    """Publishing is a moderator's act (editors cannot publish), so it counts as a review."""
    CaseReview.objects.update_or_create(
        page_id=instance.pk, defaults={"last_reviewed_at": timezone.now()}
    )
