"""No input is a server error: generated hostile values for every parameter of every public route.

Each test draws a set of parameters for one route (names from the route's real parameters, values
from HOSTILE) and asserts the answer is below 500. The test client re-raises an exception in a
view, so a failure shows the traceback. Fixed seed (derandomize) and bounded example counts: the
same cases run in every CI run, in well under a minute together.
"""

from __future__ import annotations

import time
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.contact_form import ContactForm, new_started_token
from cases.models import ContactMessage
from cases.views.exports import EXPORT_SUFFIXES
from search.forms import FILTER_PARAMETERS
from search.known_values import MAX_SHOWN_INPUT
from search.openapi import schema
from tests.factories import make_case

pytestmark = pytest.mark.django_db

# The values every new parameter and route gets by name (the tests after the generated ones): a
# number in Arabic-Indic digits, a superscript, twenty nines, 10,000 characters, NUL, a path
# climb, markup and nothing at all.
NAMED = ["١٢", "²", "9" * 20, "x" * 10_000, "\x00", "../..", "<script>", ""]
# Values known to have broken parsers somewhere: non-ASCII digits that str.isdigit() or int()
# accept, numbers beyond 32 and 64 bits, signs, floats, control characters, injection fragments.
KNOWN_BAD = [
    *NAMED,
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
    " ",
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
SPREAD_PARAMETERS = ["lan", "ar"]  # the spread page reads none; a link or a guess may send them
# The filters added last: a municipality slug and the evidence ladder's levels.
NEW_FILTERS = ["liknar", "evidens"]
CONTACT_FIELDS = list(ContactForm.base_fields)


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


@FAST
@given(params=_params(SPREAD_PARAMETERS))
def test_spread_page(client, params):
    assert _get(client, "/statistik/spridning/", params) == 200


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
        f"/sok/export/{first}/",
        f"/sok/export/{first}/status/",
        f"/sok/export/{first}/fil/{second}",
        f"/en/sok/export/{first}/",
        f"/insats/{first}/kontakta/",
        f"/insats/{first}/kontakta/skickat/",
        f"/en/insats/{first}/kontakta/",
        f"/sitemap/sidor-{first}.xml",
        f"/sitemap/ovriga-{first}.xml",
        f"/{first}/",
    ):
        _get(client, path)


@FAST
@given(params=_params(["q", "sida", "fran", "till", "antal", "id", "page", "p"]))
def test_pages_ignore_their_query_string(client, params):
    for path in (
        *("/", "/teman/", "/kommuner/", "/oppna-data/", "/sitemap.xml", "/robots.txt"),
        *("/en/", "/en/sok/", "/oppna-data/api/", "/om/evidensnivaer/", "/api/v1/"),
        "/sitemap/sidor-1.xml",
    ):
        _get(client, path, params)


def test_a_year_that_is_not_a_number_is_ignored_with_a_notice(client):
    response = client.get("/sok/", {"fran": "٢٠٢٠", "till": "2021", "sida": "²"})
    assert response.status_code == 200
    assert "Från år: ”٢٠٢٠” är inte ett år och har ignorerats." in response.content.decode()
    assert response.context["search"].year_from is None
    assert response.context["search"].year_to == 2021
    assert response.context["search"].page == 1


# Named values (NAMED), one test each, with what a reader should see – not only "no 5xx".


def _blank(value: str) -> bool:
    """Nothing a filter could match: the site treats the parameter as not given."""
    return not value.replace("\x00", "").strip()


@pytest.mark.parametrize("value", NAMED)
@pytest.mark.parametrize("parameter", NEW_FILTERS)
def test_a_new_filter_that_matches_nothing_is_ignored_with_a_notice(client, parameter, value):
    everything = client.get("/api/v1/sok/").json()["total"]
    answer = client.get("/api/v1/sok/", {parameter: value})
    assert answer.status_code == 200
    assert answer.json()["total"] == everything
    page = client.get("/sok/", {parameter: value})
    assert page.status_code == 200
    html = page.content.decode()
    if _blank(value):
        assert answer.json()["ignored_filters"] == []
        assert "har ignorerats" not in html
    else:
        # The value as the search read it: a long one is cut (search/request.py).
        (reported,) = [
            item["value"]
            for item in answer.json()["ignored_filters"]
            if item["parameter"] == parameter
        ]
        assert reported and value.startswith(reported)
        shown = escape(f"“{value[:MAX_SHOWN_INPUT]}”")
        assert f"{shown} matchar inget på webbplatsen och har ignorerats." in html
    assert _get(client, "/en/sok/", {parameter: value}) == 200


@pytest.mark.parametrize("parameter", NEW_FILTERS)
def test_a_repeated_filter_is_ignored_value_by_value(client, parameter):
    values = [value for value in NAMED if not _blank(value)]
    answer = client.get("/api/v1/sok/", {parameter: values})
    assert answer.status_code == 200
    ignored = [item["value"] for item in answer.json()["ignored_filters"]]
    # evidens takes several levels; liknar one municipality (the last one given).
    expected = values if parameter == "evidens" else values[-1:]
    assert len(ignored) == len(expected)
    assert all(value.startswith(shown) for value, shown in zip(expected, ignored, strict=True))
    assert client.get("/sok/", {parameter: values}).status_code == 200


@pytest.mark.parametrize("value", NAMED)
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_made_up_export_token_is_not_found(client, prefix, value):
    token = quote(value, safe="")
    for tail in ("/", "/status/", "/fil/fall.csv", f"/fil/{token}"):
        # follow: an address without its slash may first be sent on to one with it (APPEND_SLASH)
        response = client.get(f"{prefix}/sok/export/{token}{tail}", follow=True)
        assert response.status_code == 404


@pytest.mark.parametrize("value", [*NAMED, "0", "999999999999999999"])
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_contact_page_of_a_made_up_case_is_not_found(client, prefix, value):
    case_id = quote(value, safe="")
    for tail in ("kontakta/", "kontakta/skickat/"):
        assert client.get(f"{prefix}/insats/{case_id}/{tail}").status_code == 404
        assert client.post(f"{prefix}/insats/{case_id}/{tail}", {"name": value}).status_code == 404


@pytest.mark.parametrize("value", NAMED)
def test_the_spread_page_ignores_figure_parameters(client, value):
    for path, title in (
        ("/statistik/spridning/", "Så sprids arbetssätt"),
        ("/en/statistik/spridning/", "How practice spreads"),
    ):
        response = client.get(path, {"lan": value, "ar": [value, value]})
        assert response.status_code == 200
        assert title in response.content.decode()


@pytest.fixture
def contactable(filipstad, settings):
    settings.CONTACT_FORM_MIN_SECONDS = 3
    settings.CONTACT_RATE_LIMIT_PER_CLIENT = 0  # no limit: every post here is judged on its own
    settings.CONTACT_RATE_LIMIT_PER_CASE = 0
    cache.clear()
    yield make_case(
        filipstad,
        title="Läxhjälp med föräldrar",
        contact={"name": "Sara Lind", "email": "sara.lind@filipstad.example"},
    )
    cache.clear()


def _contact_form(**overrides) -> dict:
    form = {
        "name": "Per Holm",
        "email": "per.holm@kommun.example",
        "organisation": "Gävle kommun",
        "message": "Hur fick ni med föräldrarna?",
        "consent": "on",
        "website": "",
        "started": new_started_token(time.time() - 60),
    }
    return {**form, **overrides}


def _post_contact(client, case, form: dict):
    with override_settings(SEARCH_RATE_LIMIT_PER_MINUTE=0):
        response = client.post(f"/insats/{case.pk}/kontakta/", form)
    assert response.status_code < 500, form
    return response


def _refused(field: str, value: str) -> bool:
    """Whether the form must refuse this value (every other field as a person fills it in): no
    signed timestamp, no e-mail address, a filled honeypot, no consent, a NUL in a text, a
    required text left blank, a text over its length."""
    if field in ("started", "email") or (field == "website" and value):
        return True
    if field == "consent":
        return not value
    form_field = ContactForm.base_fields[field]
    too_long = form_field.max_length is not None and len(value) > form_field.max_length
    return "\x00" in value or (form_field.required and _blank(value)) or too_long


@pytest.mark.parametrize("value", NAMED)
@pytest.mark.parametrize("field", CONTACT_FIELDS)
def test_an_odd_contact_field_is_sent_or_refused_with_the_text_kept(
    client, contactable, field, value
):
    response = _post_contact(client, contactable, _contact_form(**{field: value}))
    stored = ContactMessage.objects.filter(case=contactable)
    if not _refused(field, value):
        assert response.status_code == 302
        assert response["Location"] == f"/insats/{contactable.pk}/kontakta/skickat/"
        assert stored.count() == 1
        return
    assert response.status_code == 200
    assert not stored.exists()
    html = response.content.decode()
    assert 'class="form-errors" role="alert"' in html  # the reason, in Swedish, at the top
    if field != "message":
        assert _contact_form()["message"] in html  # nothing typed is lost


@FAST
@given(params=_params(CONTACT_FIELDS))
def test_contact_form_posts(client, contactable, params):
    _post_contact(client, contactable, _contact_form(**params))
