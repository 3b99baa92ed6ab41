"""Atom and RSS feeds of any search: /sok/atom/?tema=grundskola follows a focus area."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from .forms import params_from_request, request_from_params
from .presentation import chips
from .ratelimit import check, too_many_requests
from .request import SearchRequest
from .service import search_cases

FEED_SIZE = 30


class SearchAtomFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        retry_after = check(request, "feed")
        if retry_after is not None:
            return too_many_requests(retry_after)
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        search = request_from_params(request.GET)
        return SearchRequest(
            **{**search.__dict__, "sort": "newest", "page": 1, "page_size": FEED_SIZE}
        )

    def title(self, search):
        result = search_cases(search)
        described = ", ".join(chip.label for chip in chips(search, result))
        return _("Kunskapsbanken: new cases") + (f" – {described}" if described else "")

    def link(self, search):
        query = params_from_request(search).urlencode()
        return "/sok/" + (f"?{query}" if query else "")

    def description(self, search):
        return _("The newest published cases matching the search.")

    def items(self, search):
        return search_cases(search).hits

    def item_title(self, hit):
        return hit.title

    def item_description(self, hit):
        return f"{hit.municipality}, {hit.county}. {hit.summary}"

    def item_link(self, hit):
        return hit.url

    def item_guid(self, hit):
        return f"kunskapsbanken-case-{hit.page_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, hit):
        return hit.published_at

    def item_categories(self, hit):
        return hit.themes


class SearchRssFeed(SearchAtomFeed):
    feed_type = Rss201rev2Feed
