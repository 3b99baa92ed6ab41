from search.request import (
    MAX_FILTER_VALUE_LENGTH,
    MAX_PAGE,
    MAX_PAGE_SIZE,
    MAX_TEXT_LENGTH,
    SearchRequest,
)


def test_normalising_clamps_and_cleans():
    request = SearchRequest(
        text="  brobyggare\x00  i\nskolan " + "x" * 500,
        themes=("grundskola", "grundskola", " ", "vuxenutbildning"),
        year_from=2030,
        year_to=2019,
        sort="popularity",
        page=-3,
        page_size=10_000,
    ).normalised()
    assert request.text.startswith("brobyggare i skolan x")
    assert len(request.text) == MAX_TEXT_LENGTH
    assert request.themes == ("grundskola", "vuxenutbildning")
    assert (request.year_from, request.year_to) == (2019, 2030)
    assert request.sort == "relevance"
    assert (request.page, request.page_size) == (1, MAX_PAGE_SIZE)


def test_long_filter_values_are_cut_to_the_named_length():
    request = SearchRequest(themes=("t" * 5000,), similar_to="s" * 5000).normalised()
    assert request.themes == ("t" * MAX_FILTER_VALUE_LENGTH,)
    assert request.similar_to == "s" * MAX_FILTER_VALUE_LENGTH


def test_without_text_relevance_means_newest():
    assert SearchRequest().normalised().sort == "newest"


def test_absurd_numbers_are_clamped_not_errors():
    request = SearchRequest(page=10**30, page_size="många", year_from="x", year_to=10**9)
    normalised = request.normalised()
    assert normalised.page == MAX_PAGE
    assert normalised.page_size == 20
    assert normalised.year_from is None and normalised.year_to == 2100


def test_facet_request_drops_only_its_own_filter():
    request = SearchRequest(themes=("a",), statuses=("ongoing",), year_from=2020)
    assert request.without("themes") == SearchRequest(statuses=("ongoing",), year_from=2020)
    assert request.without("start_years").year_from is None
