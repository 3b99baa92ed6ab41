"""Atom and RSS feeds of any search: /sok/atom/?tema=grundskola follows a focus area.

The feeds keep RFC 4287's rules: every entry has a stable IRI as its id (a tag: URI built from
the site's host and the page's id, so it survives a renamed or moved case), the time it was last
published as `updated`, and its municipality as author; the feed is authored by the organisation
named in the site settings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.language_urls import language_path

from .forms import params_from_request, request_from_params
from .labels import in_visitor_language
from .presentation import chips
from .ratelimit import check, too_many_requests
from .request import Hit, SearchRequest
from .service import search_cases

FEED_SIZE = 30
# The date in a tag: URI says when the naming authority held the name; it must never change.
TAG_DATE = "2025"


@dataclass(frozen=True)
class FeedSubject:
    search: SearchRequest
    host: str  # without port: a tag: URI's authority is a DNS name
    full_path: str  # the feed's own address, query string included, for its self link


@dataclass(frozen=True)
class FeedEntry:
    hit: Hit
    updated: datetime | None
    tag: str


def case_tag_uri(host: str, page_id: int) -> str:
    return f"tag:{host},{TAG_DATE}:kunskapsbanken/insats/{page_id}"


def last_published(page_ids: list[int]) -> dict[int, datetime | None]:
    return dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "last_published_at"))


class SearchAtomFeed(Feed):
    """`organisation_name()` names the feed's author (cms/urls.py hands in the site settings')."""

    feed_type = Atom1Feed

    def __init__(self, organisation_name: Callable[[], str]):
        self.organisation_name = organisation_name

    def __call__(self, request, *args, **kwargs):
        retry_after = check(request, "feed")
        if retry_after is not None:
            return too_many_requests(retry_after)
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        search = request_from_params(request.GET)
        return FeedSubject(
            search=SearchRequest(
                **{**search.__dict__, "sort": "newest", "page": 1, "page_size": FEED_SIZE}
            ),
            host=urlsplit("//" + request.get_host()).hostname or "localhost",
            full_path=request.get_full_path(),
        )

    def title(self, subject):
        result = in_visitor_language(search_cases(subject.search))
        described = ", ".join(chip.label for chip in chips(subject.search, result))
        return _("Kunskapsbanken: new cases") + (f" – {described}" if described else "")

    def link(self, subject):
        query = params_from_request(subject.search).urlencode()
        return reverse("search") + (f"?{query}" if query else "")

    def feed_url(self, subject):
        return subject.full_path

    def description(self, subject):
        return _("The newest published cases matching the search.")

    def author_name(self, subject):
        return self.organisation_name()

    def items(self, subject):
        hits = search_cases(subject.search).hits
        updated = last_published([hit.page_id for hit in hits])
        return [
            FeedEntry(
                hit=hit,
                updated=updated.get(hit.page_id) or hit.published_at,
                tag=case_tag_uri(subject.host, hit.page_id),
            )
            for hit in hits
        ]

    def item_title(self, entry):
        return entry.hit.title

    def item_description(self, entry):
        hit = entry.hit
        return f"{hit.municipality}, {hit.county}. {hit.summary}"

    def item_link(self, entry):
        # Documents hold the Swedish address; an English feed links to the English page.
        return language_path(entry.hit.url, get_language())

    def item_guid(self, entry):
        return entry.tag

    item_guid_is_permalink = False

    def item_pubdate(self, entry):
        return entry.hit.published_at

    def item_updateddate(self, entry):
        return entry.updated

    def item_author_name(self, entry):
        return entry.hit.municipality or self.organisation_name()

    def item_categories(self, entry):
        return entry.hit.themes


class SearchRssFeed(SearchAtomFeed):
    feed_type = Rss201rev2Feed
