"""Factory functions for tests: sensible defaults, every field overridable."""

from __future__ import annotations

import itertools

from cases.case_builder import Vocabulary, build_case
from cases.models import CaseStudyPage, MunicipalityPage

_numbers = itertools.count(1)


def case_spec(**overrides) -> dict:
    number = next(_numbers)
    spec = {
        "slug": f"testinsats-{number}",
        "title": f"Testinsats {number}",
        "summary": "En kort sammanfattning av testinsatsen.",
        "themes": ["grundskola"],
        "keywords": ["läxhjälp"],
        "target_groups": ["unga"],
        "status": "ongoing",
        "start_date": "2022-01-10",
        "end_date": None,
        "grant_amount": 500_000,
        "total_budget": 800_000,
        "sections": {"background": ["Bakgrunden till testinsatsen."]},
    }
    spec.update(overrides)
    return spec


def make_case(
    parent: MunicipalityPage, *, publish: bool = True, sources=None, **overrides
) -> CaseStudyPage:
    page = build_case(case_spec(**overrides), Vocabulary(), sources=sources)
    if not publish:
        page.live = False
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return CaseStudyPage.objects.get(pk=page.pk)


def make_inspired_case(parent, source, **overrides):
    """A published case under `parent` that names `source` as its inspiration."""
    return make_case(
        parent, inspired_by=[{"slug": source.slug}], sources={source.slug: source}, **overrides
    )
