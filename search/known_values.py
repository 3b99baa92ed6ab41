"""Filter values that name nothing: `?lan=abc`, a deleted theme, a made-up status.

The search page drops them before searching, so they are never shown as a ticked filter or a
chip, and says in a short notice which were ignored. Known values are those the site has
(a theme's slug, a municipality's or county's SCB code, a status of cases.choices), whether or
not a published case has them at the moment.
"""

from __future__ import annotations

from dataclasses import replace

from django.utils.translation import gettext as _

from cases.choices import EvidenceLevel, Status
from cases.models import Municipality
from themes.models import Keyword, TargetGroup, Theme

from .presentation import FACET_TITLES
from .request import FILTER_FIELDS, MAX_SHOWN_INPUT, SearchRequest


def known(field: str, values: tuple[str, ...]) -> set[str]:
    """Which of `values` the site knows for the filter `field`."""
    if not values:
        return set()
    models = {"themes": Theme, "keywords": Keyword, "target_groups": TargetGroup}
    if field in models:
        return set(models[field].objects.filter(slug__in=values).values_list("slug", flat=True))
    if field == "municipalities":
        return set(Municipality.objects.filter(code__in=values).values_list("code", flat=True))
    if field == "counties":
        found = Municipality.objects.filter(county_code__in=values)
        return set(found.values_list("county_code", flat=True))
    choices = {"statuses": Status, "evidence_levels": EvidenceLevel}[field]
    return {value for value in values if value in choices.values}


def split_unknown(request: SearchRequest) -> tuple[SearchRequest, dict[str, list[str]]]:
    """The request without filter values the site does not know, and those values per field."""
    changes, unknown = {}, {}
    for field in FILTER_FIELDS:
        values = request.filter_values(field)
        if not values:
            continue
        found = known(field, values)
        missing = [value for value in values if value not in found]
        if missing:
            changes[field] = tuple(value for value in values if value in found)
            unknown[field] = missing
    return (replace(request, **changes) if changes else request), unknown


def drop_unknown(request: SearchRequest) -> tuple[SearchRequest, list[str]]:
    """The request without filter values the site does not know, and a notice for each facet
    that lost some."""
    request, unknown = split_unknown(request)
    notices = []
    for field, values in unknown.items():
        shown = ", ".join(f"“{value[:MAX_SHOWN_INPUT]}”" for value in values[:3])
        notices.append(
            _("%(field)s: %(values)s matches nothing on the site and was ignored.")
            % {"field": FACET_TITLES[field], "values": shown}
        )
    return request, notices
