from django.dispatch import receiver
from wagtail.signals import post_page_move

from .models import CaseStudyPage


@receiver(post_page_move, sender=CaseStudyPage)
def keep_municipality_in_step_with_the_tree(sender, instance, **kwargs):
    """A case moved to another municipality page belongs to that municipality from then on."""
    case = CaseStudyPage.objects.get(pk=instance.pk)
    municipality_id = case.municipality_from_tree()
    if municipality_id != case.municipality_id:
        CaseStudyPage.objects.filter(pk=case.pk).update(municipality_id=municipality_id)
