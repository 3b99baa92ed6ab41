import pytest

from search.listing import MAX_LISTING, ListingRequest, list_cases
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def test_lists_only_published_cases_newest_first(filipstad):
    draft = make_case(filipstad, publish=False)
    cases = list_cases(ListingRequest(limit=MAX_LISTING))
    assert draft not in cases
    published = [case.first_published_at for case in cases]
    assert published == sorted(published, reverse=True)


def test_filters_combine(filipstad, ljusnarsberg):
    wanted = make_case(filipstad, themes=["folkhalsa"], keywords=["simskola"])
    make_case(ljusnarsberg, themes=["folkhalsa"], keywords=["simskola"])
    make_case(filipstad, themes=["grundskola"], keywords=["simskola"])
    request = ListingRequest(
        theme_slug="folkhalsa", keyword_slug="simskola", municipality_code="1782"
    )
    assert list_cases(request) == [wanted]


def test_limit_is_clamped():
    assert list_cases(ListingRequest(limit=-5)) == []
    assert len(list_cases(ListingRequest(limit=10**9))) <= MAX_LISTING
