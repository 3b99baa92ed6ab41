"""What a case page shows, each part fetched once per request (issue #13: a lean case page).

`case_page_context(page, request)` is called from `CaseStudyPage.get_context`. For a published
case, the relations, the cases linked both ways and the listings below it (similar cases, peer
municipalities) are read in one query each – with the rows they link to – and kept in the
content-version cache (core/content_version.py) as one entry, since only publishing changes them.
What may change without a publish is read on every request: the view restrictions of the whole
site (one query, shared by the serving check `view_restrictions_of` and the public test of every
linked case and municipality) and the attachments (a document can be replaced in place).
A preview renders the in-memory page the editor is looking at, with its unsaved relations.
"""

from __future__ import annotations

from django.db.models import prefetch_related_objects
from wagtail.models import Page, PageViewRestriction

from cases.evidence import criteria_by_level, uptake_by_source, why_this_level
from cases.listings import case_listings
from cases.models.case_parts import CaseKeyword
from cases.models.municipality_pages import MunicipalityPage
from cases.spread import case_spread_rows, spread_map, visible
from core.content_version import cached

_RESTRICTIONS = "_all_view_restrictions"
RELATED = 4
PEERS = 8


def site_restrictions(page: Page) -> list[PageViewRestriction]:
    """Every view restriction on the site (there are a handful: they guard sections, not single
    cases), read once and kept on the page object for the rest of its request."""
    if not hasattr(page, _RESTRICTIONS):
        rows = PageViewRestriction.objects.select_related("page").only(
            "id", "restriction_type", "password", "page__id", "page__path"
        )
        setattr(page, _RESTRICTIONS, list(rows))
    return getattr(page, _RESTRICTIONS)


def restrictions_on(path: str, restrictions: list[PageViewRestriction]) -> list:
    """The restrictions that apply at `path`: on that page or on one of its ancestors."""
    return [r for r in restrictions if path.startswith(r.page.path)]


def is_public(candidate: Page, restrictions: list[PageViewRestriction]) -> bool:
    """The test of `public_cases()` for a page already in memory."""
    return candidate.live and not restrictions_on(candidate.path, restrictions)


def view_restrictions_of(page: Page):
    """`Page.get_view_restrictions()` in one query when the router left the ancestors on the
    page (cms/routing.py) and none of them is an alias; Wagtail's own lookup otherwise."""
    ancestors = getattr(page, "route_ancestors", None)
    if ancestors is None or page.alias_of_id or any(a.alias_of_id for a in ancestors):
        return Page.get_view_restrictions(page)
    return restrictions_on(page.path, site_restrictions(page))


def _preview_parts(page) -> dict:
    listings = case_listings()
    return {
        "themes": list(page.themes.all()),
        "keywords": list(page.keywords.all()),
        "target_groups": list(page.target_groups.all()),
        "partners": list(page.partners.all()),
        "indicators": list(page.indicators.all()),
        "follow_ups": list(page.follow_ups.all()),
        "attachments": list(page.attachments.all()),
        "inspirations": page.public_inspirations(),
        "inspired": list(page.inspired_cases_live()),
        "related": listings.similar_for_preview(page, RELATED),
        "peers": listings.peers_for_preview(page, PEERS),
        "spread": _spread(page, case_spread_rows(page.pk), lambda case: True),
        "uptake": uptake_by_source([page.pk]).get(page.pk, ()) if page.pk else (),
        "criteria": criteria_by_level(),
    }


def _case_rows(page) -> dict:
    """The rows a published case shows that change only when content is published (each change
    bumps the content version): its relations, the cases linked both ways, the listings below
    it. Which linked cases are public is decided per request, from the current restrictions."""
    listings = case_listings()
    themes = list(page.themes.all())
    counts, complete = listings.municipality_counts([t.slug for t in themes])
    own = page.municipality.code if page.municipality else None
    peer_counts = [(code, count) for code, count in counts if code != own]
    return {
        "themes": themes,
        "keywords": [
            item.tag
            for item in CaseKeyword.objects.filter(content_object=page)
            .select_related("tag")
            .order_by("id")
        ],
        "target_groups": list(page.target_groups.all()),
        "partners": list(page.partners.all()),
        "indicators": list(page.indicators.all()),
        "follow_ups": list(page.follow_ups.all()),
        "inspirations": list(page.inspirations.select_related("source__municipality")),
        "inspired": list(
            type(page)  # CaseStudyPage: this module sits below the module that defines it
            .objects.live()
            .filter(inspirations__source=page)
            .select_related("municipality")
            .distinct()
            .order_by("path")
        ),
        "related": listings.related(page.pk, RELATED),
        "peer_counts": peer_counts,
        "peer_pages": list(
            MunicipalityPage.objects.live()
            .filter(municipality__code__in=[code for code, _ in peer_counts])
            .select_related("municipality")
        ),
        "complete": complete,
        "spread": case_spread_rows(page.pk),  # other municipalities that took it up
        # The restrictions are the ones this request reads anyway (no row read twice).
        "uptake": uptake_by_source([page.pk], [r.page.path for r in site_restrictions(page)]).get(
            page.pk, ()
        ),
        "criteria": criteria_by_level(),
    }


def peers(rows: dict, restrictions: list, limit: int = PEERS) -> list[dict]:
    """Other municipalities with public cases in this case's focus areas, most cases first."""
    pages = {p.municipality.code: p for p in rows["peer_pages"] if is_public(p, restrictions)}
    ranked = sorted(rows["peer_counts"], key=lambda item: -item[1])
    return [{"page": pages[code], "count": count} for code, count in ranked if code in pages][
        :limit
    ]


def _spread(page, taken: list, public) -> dict:
    """The list and map of "Has inspired N municipalities", from the cases public now."""
    entries = visible(taken, public)
    county = page.municipality.county_code if page.municipality else None
    return {"entries": entries, "map": spread_map(entries, county) if entries else None}


def _stored_parts(page) -> dict:
    rows = cached(
        "case_page",
        (page.pk, case_listings().engine_key()),
        lambda: _case_rows(page),
        keep=lambda r: r["complete"],
    )
    restrictions = site_restrictions(page)
    if page.hero_image_id:
        # Renditions read with the image: Wagtail then takes them as found and does not write
        # each one back to the cache on every view (a transaction per rendition on the
        # database cache).
        prefetch_related_objects([page], "hero_image__renditions")
    return {
        **rows,
        "inspirations": [
            link for link in rows["inspirations"] if is_public(link.source, restrictions)
        ],
        "inspired": [case for case in rows["inspired"] if is_public(case, restrictions)],
        "attachments": list(page.attachments.select_related("document")),  # documents change
        "peers": peers(rows, restrictions) if rows["themes"] else [],
        "spread": _spread(page, rows["spread"], lambda case: is_public(case, restrictions)),
    }


def evidence(page, parts: dict):
    """The explanation under "Why this level?". The cases that lift the case to the derived
    level are among those that name it as their inspiration, already read (and checked for
    privacy) for the page."""
    uptake = set(parts["uptake"])
    return why_this_level(
        chosen=page.evidence_level,
        uptake=[case for case in parts["inspired"] if case.pk in uptake],
        criteria=parts["criteria"],
        evaluation_kind=page.evaluation_kind,
        evaluation_kind_label=page.get_evaluation_kind_display(),
        has_evaluation_description=bool(page.evaluation_description.strip()),
    )


def case_page_context(page, request) -> dict:
    """The case's relations for the template, under `case`, and its evidence explained."""
    preview = page.pk is None or getattr(request, "is_preview", False)
    parts = _preview_parts(page) if preview else _stored_parts(page)
    return {"case": parts, "evidence": evidence(page, parts)}
