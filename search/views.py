from dataclasses import replace

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cases.models import public_cases
from key_figures import neighbours

from .analytics import record_click, record_search
from .closest import closest_themes
from .county_map import county_tiles, map_size
from .forms import ignored_years, request_from_params
from .known_values import drop_unknown
from .labels import in_visitor_language
from .notices import understanding
from .presentation import (
    Chip,
    active_filter_count,
    chips,
    facets,
    municipality_options,
    page_links,
    url_for,
)
from .promotions import promoted_cases
from .ratelimit import rate_limited
from .request import MAX_SHOWN_INPUT
from .service import search_cases

SORT_CHOICES = (("relevance", "relevans"), ("newest", "nyast"), ("start_date", "start"))


def similar_filter(request):
    """`liknar=<slug>` as the municipalities it stands for: (request, codes, chip label, notices).
    An unknown slug or one without key figures is dropped with a notice. The codes join the
    municipality filter the engines already have (any value matches)."""
    if not request.similar_to:
        return request, (), None, []
    found = neighbours.search_codes(request.similar_to)
    if found is None:
        notice = _("%(field)s: %(values)s matches nothing on the site and was ignored.") % {
            "field": _("Municipalities like"),
            "values": f"“{request.similar_to[:MAX_SHOWN_INPUT]}”",
        }
        return replace(request, similar_to=""), (), None, [notice]
    name, codes = found
    if not codes:
        notice = _(
            "%(name)s has no key figures yet, so the search could not be narrowed to "
            "similar municipalities."
        ) % {"name": name}
        return replace(request, similar_to=""), (), None, [notice]
    return request, codes, _("Municipalities like %(name)s") % {"name": name}, []


@require_GET
@rate_limited("search")
def search_page(request):
    """/sok/: the faceted search page. Every state is a GET URL; search.js only fetches it."""
    search_request, unknown = drop_unknown(request_from_params(request.GET))
    search_request, similar_codes, similar_label, similar_notices = similar_filter(search_request)
    engine_request = search_request
    if similar_codes:
        engine_request = replace(
            search_request, municipalities=(*search_request.municipalities, *similar_codes)
        )
    result = in_visitor_language(search_cases(engine_request))
    found_chips = chips(search_request, result)
    if similar_label:
        found_chips.append(Chip(similar_label, url_for(search_request, similar_to="")))
    context = {
        "search": search_request,
        "result": result,
        "facets": facets(search_request, result),
        "chips": found_chips,
        "similar_options": municipality_options(
            neighbours.choices(), search_request.similar_to or ""
        ),
        "active_filters": active_filter_count(search_request) + bool(similar_label),
        "understanding": understanding(search_request, result),
        "pages": page_links(search_request, result),
        "previous_url": url_for(search_request, page=search_request.page - 1)
        if search_request.page > 1
        else None,
        "next_url": url_for(search_request, page=search_request.page + 1)
        if search_request.page < result.page_count
        else None,
        "suggestion_url": url_for(search_request, text=result.suggestion)
        if result.suggestion
        else None,
        "closest_themes": closest_themes(search_request.text) if not result.total else [],
        "county_tiles": county_tiles(search_request, result),
        "map_width": map_size()[0],
        "map_height": map_size()[1],
        "promoted": promoted_cases(search_request.text) if search_request.page == 1 else [],
        "notices": ignored_years(request.GET) + unknown + similar_notices,
    }
    if search_request.text and search_request.page == 1:
        record_search(search_request.text, result.total)
    response = render(request, "search/search_page.html", context)
    if search_request.has_filters or search_request.page > 1:
        # Filtered and deep pages are endless variations of the same content.
        response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def follow_result(request, page_id: int):
    """A result link: counts the click for the query's statistics, then goes to the case."""
    case = public_cases().filter(pk=page_id).first()
    if case is None:
        raise Http404
    record_click(request.GET.get("q", ""))
    return redirect(case.url)
