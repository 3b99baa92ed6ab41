from django.http import QueryDict
from hypothesis import given
from hypothesis import strategies as st

from search.forms import params_from_request, request_from_params
from search.request import SearchRequest

slugs = st.lists(st.from_regex(r"[a-z0-9-]{1,12}", fullmatch=True), max_size=3, unique=True)


@given(
    text=st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40),
    themes=slugs,
    counties=slugs,
    statuses=slugs,
    year_from=st.none() | st.integers(2000, 2100),
    year_to=st.none() | st.integers(2000, 2100),
    has_indicators=st.none() | st.booleans(),
    sort=st.sampled_from(["relevance", "newest", "start_date"]),
    page=st.integers(1, 500),
)
def test_every_search_state_round_trips_through_its_url(**fields):
    request = SearchRequest(
        **{k: tuple(v) if isinstance(v, list) else v for k, v in fields.items()}
    ).normalised()
    query = params_from_request(request).urlencode()
    assert request_from_params(QueryDict(query)) == request


def test_swedish_parameter_names():
    request = request_from_params(
        QueryDict(
            "q=läxhjälp&tema=grundskola&tema=folkhalsa&lan=17&resultat=ja&sortering=nyast&sida=2"
        )
    )
    assert request.text == "läxhjälp"
    assert request.themes == ("grundskola", "folkhalsa")
    assert request.counties == ("17",)
    assert request.has_indicators is True
    assert request.sort == "newest"
    assert request.page == 2


def test_garbage_parameters_are_ignored_or_clamped():
    request = request_from_params(
        QueryDict("sida=abc&antal=-5&fran=x&till=99999999999999&sortering=?")
    )
    assert request.page == 1
    assert request.page_size == 20  # "-5" is not a number (ASCII digits only): the default
    assert request.year_from is None
    assert request.sort == "newest"
