"""Editors' picks: cases moderators promote for a query (Wagtail's search promotions)."""

from wagtail.contrib.search_promotions.models import Query
from wagtail.search.utils import normalise_query_string

from cases.models import CaseStudyPage, public_cases


def promoted_cases(text: str) -> list[CaseStudyPage]:
    if not text:
        return []
    # A lookup, not Query.get(): that would create a row for every query anyone types.
    query = Query.objects.filter(query_string=normalise_query_string(text)).first()
    if query is None:
        return []
    page_ids = query.editors_picks.order_by("sort_order").values_list("page_id", flat=True)
    cases = public_cases().filter(pk__in=list(page_ids))
    by_id = {case.pk: case for case in cases.select_related("municipality")}
    return [by_id[pk] for pk in page_ids if pk in by_id]
