import pytest

from cases.models import CaseStudyPage
from search.listing import MAX_LISTING, ListingRequest, list_cases
from search.request import SearchRequest
from search.service import search_cases
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def _ids(result):
    return [hit.page_id for hit in result.hits]


def test_lists_only_published_cases_newest_first(filipstad):
    draft = make_case(filipstad, publish=False)
    listing = list_cases(ListingRequest(limit=MAX_LISTING))
    assert draft.pk not in _ids(listing)
    expected = CaseStudyPage.objects.live().order_by("-first_published_at", "-pk")
    assert _ids(listing) == list(expected.values_list("pk", flat=True)[:MAX_LISTING])
    assert listing.total == expected.count()


def test_filters_combine(filipstad, ljusnarsberg):
    wanted = make_case(filipstad, themes=["folkhalsa"], keywords=["simskola"])
    make_case(ljusnarsberg, themes=["folkhalsa"], keywords=["simskola"])
    make_case(filipstad, themes=["grundskola"], keywords=["simskola"])
    request = ListingRequest(
        theme_slug="folkhalsa", keyword_slug="simskola", municipality_code="1782"
    )
    assert _ids(list_cases(request)) == [wanted.pk]


def test_listing_and_search_give_the_same_answer():
    listing = list_cases(ListingRequest(theme_slug="grundskola", limit=MAX_LISTING))
    search = search_cases(SearchRequest(themes=("grundskola",), sort="newest", page_size=50))
    assert _ids(listing) == _ids(search)


def test_unpublishing_removes_a_case_from_listings(filipstad):
    case = make_case(filipstad, title="Snart avpublicerad")
    assert case.pk in _ids(list_cases(ListingRequest(municipality_code="1782", limit=50)))
    case.unpublish()
    assert case.pk not in _ids(list_cases(ListingRequest(municipality_code="1782", limit=50)))


def test_limit_is_clamped():
    assert len(list_cases(ListingRequest(limit=-5)).hits) == 1
    assert len(list_cases(ListingRequest(limit=10**9)).hits) <= MAX_LISTING
