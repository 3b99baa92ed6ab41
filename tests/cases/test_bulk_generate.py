"""generate_cases at scale: batches of their own, and an interrupted run is continued by running
it again (issue #13)."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from cases.models import CaseStudyPage
from search.models import CaseSearchEntry

pytestmark = pytest.mark.django_db


def test_an_interrupted_run_keeps_its_batches_and_the_next_run_creates_the_rest(monkeypatch):
    from cases.management.commands import generate_cases

    publish = generate_cases.publish_cases
    batches = []

    def interrupted_in_the_third_batch(placed, user=None):
        batches.append(len(placed))
        if len(batches) == 3:
            publish(placed, user)  # written, then the transaction is rolled back
            raise KeyboardInterrupt
        return publish(placed, user)

    monkeypatch.setattr(generate_cases, "BATCH", 3)
    monkeypatch.setattr(generate_cases, "publish_cases", interrupted_in_the_third_batch)
    generated = CaseStudyPage.objects.filter(slug__startswith="syntetisk-9-")

    with pytest.raises(CommandError, match=r"Stopped after 6 new cases.*Run the same command"):
        call_command("generate_cases", 10, seed=9, municipalities=2, verbosity=0)
    assert generated.count() == 6
    assert CaseSearchEntry.objects.filter(page_id__in=generated.values("pk")).count() == 6

    monkeypatch.setattr(generate_cases, "publish_cases", publish)
    call_command("generate_cases", 10, seed=9, municipalities=2, verbosity=0)
    assert sorted(generated.values_list("slug", flat=True)) == sorted(
        f"syntetisk-9-{number}" for number in range(1, 11)
    )
    assert CaseSearchEntry.objects.filter(page_id__in=generated.values("pk")).count() == 10
    assert Page.find_problems() == ([], [], [], [], [])
