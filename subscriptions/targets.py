"""What a subscription follows: reading the target from a /folj/ link, and naming it.

A theme is its slug, a municipality its SCB code, and a saved search the /sok/ query string
normalised the way /sok/ reads it (search/forms.py): unknown parameters and unknown filter values
dropped, paging and sorting left out, so two links to the same search are one subscription.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.http import QueryDict
from django.utils.translation import gettext as _

from cases.choices import Status
from cases.models import Municipality
from search.forms import params_from_request, request_from_params
from search.known_values import drop_unknown
from themes.models import Keyword, TargetGroup, Theme

from .models import MAX_TARGET_LENGTH, Subscription

MAX_RAW_QUERY = 2000


class UnknownTarget(ValueError):
    """The link names nothing the site has (its message is for the visitor)."""


@dataclass(frozen=True)
class Target:
    kind: str
    value: str
    label: str


def normalised_search(raw: str) -> str:
    """The canonical query string of a saved search (page and sort left out)."""
    request = request_from_params(QueryDict(raw[:MAX_RAW_QUERY]))
    request, _notices = drop_unknown(request)
    request = replace(request, sort="relevance" if request.text else "newest", page=1)
    params = params_from_request(request)
    params.pop("antal", None)
    return params.urlencode()


def target_from_params(params) -> Target:
    """The target a /folj/ link carries: ?tema=<slug>, ?kommun=<code> or ?sok=<query string>."""
    if params.get("tema"):
        theme = Theme.objects.filter(slug=params["tema"][:100]).first()
        if theme is None:
            raise UnknownTarget(_("There is no such focus area to follow."))
        return Target(Subscription.Kind.THEME, theme.slug, theme.display_name)
    if params.get("kommun"):
        municipality = Municipality.objects.filter(code=params["kommun"][:10]).first()
        if municipality is None:
            raise UnknownTarget(_("There is no such municipality to follow."))
        return Target(Subscription.Kind.MUNICIPALITY, municipality.code, municipality.name)
    if "sok" in params:
        value = normalised_search(params.get("sok", ""))
        if len(value) > MAX_TARGET_LENGTH:
            raise UnknownTarget(_("This search is too long to follow. Remove some filters."))
        return Target(Subscription.Kind.SEARCH, value, search_label(value))
    raise UnknownTarget(_("The link does not say what to follow."))


def target_of(subscription: Subscription) -> Target:
    """The subscription's target with its current name (a deleted theme keeps its slug)."""
    kind, value = subscription.kind, subscription.target
    if kind == Subscription.Kind.THEME:
        theme = Theme.objects.filter(slug=value).first()
        return Target(kind, value, theme.display_name if theme else value)
    if kind == Subscription.Kind.MUNICIPALITY:
        municipality = Municipality.objects.filter(code=value).first()
        return Target(kind, value, municipality.name if municipality else value)
    return Target(kind, value, search_label(value))


def search_label(query: str) -> str:
    """The saved search in words: its text in quotes, then its filters by name."""
    request = request_from_params(QueryDict(query))
    parts = [f"“{request.text}”"] if request.text else []
    for field, names in _FILTER_NAMES.items():
        values = getattr(request, field)
        if values:
            known = names(values)
            parts.extend(known.get(value, value) for value in values)
    if not parts:
        return _("all cases")
    return _("the search %(terms)s") % {"terms": ", ".join(parts)}


def _by_slug(model):
    def names(values):
        return {item.slug: item.display_name for item in model.objects.filter(slug__in=values)}

    return names


def _municipalities(values):
    return dict(Municipality.objects.filter(code__in=values).values_list("code", "name"))


def _counties(values):
    counties = Municipality.objects.filter(county_code__in=values)
    return dict(counties.values_list("county_code", "county_name"))


def _statuses(values):
    return {value: str(label) for value, label in Status.choices if value in values}


_FILTER_NAMES = {
    "themes": _by_slug(Theme),
    "keywords": _by_slug(Keyword),
    "municipalities": _municipalities,
    "counties": _counties,
    "statuses": _statuses,
    "target_groups": _by_slug(TargetGroup),
}


def target_path(target: Target) -> str:
    """The public page of the target (without a language prefix)."""
    if target.kind == Subscription.Kind.THEME:
        return f"/teman/{target.value}/"
    if target.kind == Subscription.Kind.MUNICIPALITY:
        return f"/sok/?kommun={target.value}"
    return f"/sok/?{target.value}" if target.value else "/sok/"
