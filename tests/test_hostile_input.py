"""No input is a server error: generated hostile values for every parameter of every public route.

Each test draws a set of parameters for one route (names from the route's real parameters, values
from HOSTILE) and asserts the answer is below 500. The test client re-raises an exception in a
view, so a failure shows the traceback. Fixed seed (derandomize) and bounded example counts: the
same cases run in every CI run, in well under a minute together.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.views.exports import EXPORT_SUFFIXES
from search.forms import FILTER_PARAMETERS
from search.openapi import schema

pytestmark = pytest.mark.django_db

# Values known to have broken parsers somewhere: non-ASCII digits that str.isdigit() or int()
# accept, numbers beyond 32 and 64 bits, signs, floats, control characters, injection fragments.
KNOWN_BAD = [
    "²",
    "٣",
    "３",
    "𝟓",
    "Ⅻ",
    "½",
    "-1",
    "--5",
    "+5",
    "0",
    "00",
    "1.5",
    "1e9",
    "1_000",
    "0x1f",
    "NaN",
    "inf",
    "",
    " ",
    "\x00",
    "5\x00",
    "\t\n",
    str(2**31),
    str(2**63),
    str(2**64),
    "9" * 30,
    "9" * 5000,
    "' OR 1=1 --",
    "1; DROP TABLE wagtailcore_page",
    '"><script>alert(1)</script>',
    "{{ 7*7 }}",
    "%00",
    "../../etc/passwd",
    "2020-13-45",
    "9999-12-31",
    "\u202e",
    "😀",
]
HOSTILE = st.one_of(
    st.sampled_from(KNOWN_BAD),
    st.integers(-(10**30), 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.text(st.characters(categories=["Nd", "No", "Nl"]), min_size=1, max_size=8),
    st.text(max_size=40),
)
# A path segment can hold anything but must be quoted to stay one segment.
SEGMENT = HOSTILE.map(lambda value: quote(value, safe="") or "x")

# Every parameter the API documents (the search page, feeds and downloads read the same ones), so
# a parameter added to the OpenAPI document is attacked here too.
SEARCH_PARAMETERS = [
    parameter["name"]
    for parameter in schema("")["paths"]["/api/v1/sok/"]["get"]["parameters"]
    if parameter["in"] == "query"
]
assert {"sida", "antal", "fran", "till", *FILTER_PARAMETERS} <= set(SEARCH_PARAMETERS)
FIGURE_PARAMETERS = ["fran", "till", "lan"]


def _params(names: list[str]):
    return st.dictionaries(st.sampled_from(names), HOSTILE, min_size=1, max_size=len(names))


FAST = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SLOW = settings(FAST, max_examples=12)  # downloads that read every matching case


def _get(client, path: str, params: dict | None = None) -> int:
    with override_settings(SEARCH_RATE_LIMIT_PER_MINUTE=0):
        response = client.get(path, params or {})
        if response.streaming:
            b"".join(response.streaming_content)  # errors in a streamed body count too
    assert response.status_code < 500, (path, params)
    return response.status_code


@pytest.mark.parametrize(
    "path",
    ["/sok/", "/api/v1/sok/", "/sok/atom/", "/sok/rss/", "/sok/forslag/", "/api/v1/forslag/"],
)
@FAST
@given(params=_params(SEARCH_PARAMETERS))
def test_search_feeds_and_api(client, path, params):
    _get(client, path, params)


@pytest.mark.parametrize("suffix", sorted(EXPORT_SUFFIXES))
@SLOW
@given(params=_params(SEARCH_PARAMETERS))
def test_case_list_downloads(client, suffix, params):
    _get(client, f"/sok/export.{suffix}", params)


@FAST
@given(segment=SEGMENT, params=_params(["q"]))
def test_result_link_and_case_api(client, segment, params):
    assert _get(client, f"/sok/till/{segment}/", params) in {302, 404}
    assert _get(client, f"/api/v1/insatser/{segment}/") in {200, 404}


@FAST
@given(params=_params(FIGURE_PARAMETERS))
def test_statistics_page(client, params):
    assert _get(client, "/statistik/", params) == 200


@SLOW
@given(params=_params(FIGURE_PARAMETERS), export=st.sampled_from(["alla.xlsx", "teman.csv"]))
def test_statistics_downloads(client, params, export):
    _get(client, f"/statistik/export/{export}", params)


@FAST
@given(first=SEGMENT, second=SEGMENT)
def test_paths_with_names_and_ids(client, first, second):
    for path in (
        f"/statistik/export/{first}.{second}",
        f"/oppna-data/{first}",
        f"/teman/{first}/",
        f"/teman/nyckelord/{first}/",
        f"/kommuner/{first}/",
        f"/dokument/{first}/{second}",
        f"/_util/authenticate_with_password/{first}/{second}/",
        f"/inbjudan/{first}/{second}/",
        f"/en/{first}/",
        f"/en/teman/{first}/",
        f"/{first}/",
    ):
        _get(client, path)


@FAST
@given(params=_params(["q", "sida", "fran", "till", "antal", "id", "page", "p"]))
def test_pages_ignore_their_query_string(client, params):
    for path in (
        *("/", "/teman/", "/kommuner/", "/oppna-data/", "/sitemap.xml", "/robots.txt"),
        *("/en/", "/en/sok/", "/oppna-data/api/", "/om/evidensnivaer/", "/api/v1/"),
    ):
        _get(client, path, params)


def test_a_year_that_is_not_a_number_is_ignored_with_a_notice(client):
    response = client.get("/sok/", {"fran": "٢٠٢٠", "till": "2021", "sida": "²"})
    assert response.status_code == 200
    assert "Från år: ”٢٠٢٠” är inte ett år och har ignorerats." in response.content.decode()
    assert response.context["search"].year_from is None
    assert response.context["search"].year_to == 2021
    assert response.context["search"].page == 1
