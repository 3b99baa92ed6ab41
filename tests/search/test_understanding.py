"""Query understanding as a pure function: which words become which filter, and what is left."""

import csv
import json
import re
from http import HTTPStatus
from pathlib import Path

import pytest
from django.http import QueryDict

from search.analysis import STOP_WORDS, stem
from search.documents import case_document, live_cases
from search.forms import request_from_params
from search.service import search_cases
from search.understanding import Vocabulary, interpret
from tests.factories import make_case

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def vocabulary():
    """The real lists: Sweden's 290 municipalities and 21 counties, the programme's focus areas."""
    with (ROOT / "cases" / "data" / "kommuner.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    taxonomy = json.loads((ROOT / "themes" / "data" / "taxonomy.json").read_text("utf-8"))
    return Vocabulary.build(
        municipalities=[(r["municipality_code"], r["municipality_name"]) for r in rows],
        counties=sorted({(r["county_code"], r["county_name"]) for r in rows}),
        themes=[(t["slug"], t["name"]) for t in taxonomy["focus_areas"]],
        stop_words=STOP_WORDS,
        stem=stem,
    )


def _filters(interpretation):
    return {(f.field, f.value) for f in interpretation.filters}


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("pågående", "ongoing"),
        ("Pågående läxhjälp", "ongoing"),
        ("avslutade", "completed"),
        ("avslutad", "completed"),
        ("AVSLUTAT", "completed"),
        ("planerade", "planned"),
        ("planerad", "planned"),
        ("nedlagda", "discontinued"),
        ("nedlagt", "discontinued"),
        ("avbrutna", "discontinued"),
    ],
)
def test_every_form_of_a_status_becomes_the_status_filter(vocabulary, query, status):
    assert ("statuses", status) in _filters(interpret(query, vocabulary))


def test_a_status_and_the_generic_noun_after_it_leave_the_subject(vocabulary):
    understood = interpret("avslutade insatser för nyanlända", vocabulary)
    assert _filters(understood) == {("statuses", "completed")}
    assert understood.text == "nyanlända"
    assert understood.filters[0].words == "avslutade insatser"


@pytest.mark.parametrize(
    "query", ["föräldrastöd Värmland", "föräldrastöd i Värmland", "föräldrastöd Värmlands län"]
)
def test_a_county_by_its_short_or_full_name(vocabulary, query):
    understood = interpret(query, vocabulary)
    assert _filters(understood) == {("counties", "17")}
    assert understood.filters[0].label == "Värmland"
    assert understood.text == "föräldrastöd"


def test_a_county_in_the_genitive_and_with_two_words(vocabulary):
    assert _filters(interpret("Värmlands", vocabulary)) == {("counties", "17")}
    assert _filters(interpret("fritid i Västra Götaland", vocabulary)) == {("counties", "14")}
    assert _filters(interpret("Dalarna", vocabulary)) == {("counties", "20")}
    assert _filters(interpret("Skåne", vocabulary)) == {("counties", "12")}


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Filipstad", "1782"),
        ("filipstads kommun", "1782"),
        ("Upplands Väsby", "0114"),
        ("Upplands-Bro", "0139"),
        ("Malung-Sälen", "2023"),
        ("Lilla Edet", "1462"),
    ],
)
def test_a_municipality_by_its_name(vocabulary, query, code):
    understood = interpret(query, vocabulary)
    assert _filters(understood) == {("municipalities", code)}
    assert understood.text == ""


def test_a_name_shared_by_municipality_and_county_is_the_municipality_unless_lan_follows(
    vocabulary,
):
    assert _filters(interpret("Stockholm", vocabulary)) == {("municipalities", "0180")}
    assert _filters(interpret("Stockholms län", vocabulary)) == {("counties", "01")}
    assert _filters(interpret("Kalmar län", vocabulary)) == {("counties", "08")}


def test_municipality_names_that_are_everyday_words_need_kommun(vocabulary):
    assert interpret("mark och vatten", vocabulary).filters == ()
    assert interpret("berg", vocabulary).filters == ()
    assert _filters(interpret("Marks kommun", vocabulary)) == {("municipalities", "1463")}
    assert _filters(interpret("Bergs kommun", vocabulary)) == {("municipalities", "2326")}


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("grundskola", "grundskola"),
        ("läxhjälp grundskolor", "grundskola"),
        ("Integration av nyanlända", "integration-nyanlanda"),
        ("folkhälsa", "folkhalsa"),
        ("digitalisering", "digitalisering"),
        ("vuxenutbildningen", "vuxenutbildning"),
    ],
)
def test_a_focus_area_by_its_name_or_an_inflection_of_it(vocabulary, query, slug):
    assert ("themes", slug) in _filters(interpret(query, vocabulary))


def test_a_word_of_a_longer_focus_area_name_is_not_the_focus_area(vocabulary):
    assert interpret("nyanlända", vocabulary).filters == ()
    assert interpret("arbetsmarknad", vocabulary).filters == ()


def test_a_year_and_a_year_range(vocabulary):
    understood = interpret("läxhjälp 2021", vocabulary)
    assert understood.years == (2021, 2021)
    assert understood.text == "läxhjälp"
    assert interpret("insatser 2019–2021", vocabulary).years == (2019, 2021)
    assert interpret("insatser 2021-2019", vocabulary).years == (2019, 2021)
    assert interpret("1999", vocabulary).filters == ()
    assert interpret("20210", vocabulary).filters == ()


def test_only_the_first_year_counts(vocabulary):
    understood = interpret("2019 2021", vocabulary)
    assert understood.years == (2019, 2019)


def test_several_filters_at_once(vocabulary):
    understood = interpret("pågående läxhjälp i Filipstad 2022", vocabulary)
    assert _filters(understood) == {
        ("statuses", "ongoing"),
        ("municipalities", "1782"),
        ("years", "2022"),
    }
    assert understood.text == "läxhjälp"


def test_quoted_words_are_never_interpreted(vocabulary):
    understood = interpret('"Värmland läser" 2021', vocabulary)
    assert _filters(understood) == {("years", "2021")}
    assert understood.text == '"Värmland läser"'
    assert interpret("”pågående arbete”", vocabulary).filters == ()


def test_a_question_without_filter_words_is_left_as_typed(vocabulary):
    question = "hur får vi hemmasittare tillbaka till skolan?"
    understood = interpret(question, vocabulary)
    assert understood.filters == ()
    assert understood.text == question


def test_punctuation_between_words_breaks_a_name(vocabulary):
    # "Upplands, Väsby" is two words, not the municipality; "Väsby" alone names nothing.
    assert interpret("Upplands, Väsby", vocabulary).filters == ()


@pytest.mark.parametrize(
    "query", ["", "   ", "***", "AND OR NEAR", "\x00", "ÅÄÖ" * 300, "😀 Filipstad", "Фили"]
)
def test_odd_input_gives_an_interpretation_not_an_error(vocabulary, query):
    understood = interpret(query, vocabulary)
    assert isinstance(understood.text, str)


def test_status_labels_are_taken_from_the_caller(vocabulary):
    understood = interpret("avslutade", vocabulary, status_labels={"completed": "Avslutad"})
    assert understood.filters[0].label == "Avslutad"


def test_the_same_value_twice_is_one_filter(vocabulary):
    understood = interpret("Värmland Värmlands län", vocabulary)
    assert _filters(understood) == {("counties", "17")}
    assert len(understood.filters) == 1


# On the search page and in the API, on every engine


def _page(client, query: str) -> str:
    response = client.get("/sok/", QueryDict(query))
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def _count(html: str) -> int:
    return int(re.search(r'class="result-count" role="status">(\d+) insats', html).group(1))


@pytest.mark.django_db
def test_a_county_word_becomes_a_chip_and_a_filter(client, search_backend):
    html = _page(client, "q=Värmland")
    assert "Tolkat som filter:" in html
    assert '<span class="chip chip--interpreted">Län = Värmland</span>' in html
    in_county = live_cases().filter(municipality__county_code="17").count()
    assert in_county and _count(html) == in_county
    link = re.search(r'<a class="interpreted-literal" href="([^"]+)">([^<]+)</a>', html)
    assert link.group(2) == "Sök på orden ”Värmland” i stället"
    literal = _page(client, link.group(1).lstrip("?").replace("&amp;", "&"))
    assert "chip--interpreted" not in literal
    assert "tolka=nej" in link.group(1)


@pytest.mark.django_db
def test_a_status_word_filters_and_the_rest_is_searched(client, search_backend):
    query = "q=avslutade+insatser+med+yrkessvenska"
    result = search_cases(request_from_params(QueryDict(query)))
    assert [(f.field, f.value) for f in result.interpreted] == [("statuses", "completed")]
    assert result.searched_text == "yrkessvenska"
    assert result.request.text == "avslutade insatser med yrkessvenska"  # links keep the words
    statuses = dict(live_cases().values_list("pk", "status"))
    assert result.total >= 2
    assert all(statuses[hit.page_id] == "completed" for hit in result.hits)
    html = _page(client, query)
    assert '<span class="chip chip--interpreted">Status = Avslutad</span>' in html


@pytest.mark.django_db
def test_literal_words_when_the_filters_find_nothing(search_backend, filipstad):
    assert not live_cases().filter(municipality__code="0180").exists()  # none in Stockholm
    case = make_case(filipstad, title="Stockholm läser med Filipstad", summary="Bokcirklar.")
    search_backend.index([case_document(case)])
    result = search_cases(request_from_params(QueryDict("q=Stockholm+läser")))
    assert result.interpreted == ()
    assert case.pk in {hit.page_id for hit in result.hits}


@pytest.mark.django_db
def test_the_api_returns_the_interpretation(client, search_backend):
    data = client.get("/api/v1/sok/", {"q": "Värmland"}).json()
    assert data["interpreted_filters"] == [
        {
            "field": "counties",
            "parameter": "lan",
            "value": "17",
            "label": "Värmland",
            "words": "Värmland",
        }
    ]
    assert "tolka=nej" in data["literal_url"]
    literal = client.get("/api/v1/sok/", {"q": "Värmland", "tolka": "nej"}).json()
    assert literal["interpreted_filters"] == [] and literal["literal_url"] is None


@pytest.mark.django_db
def test_a_natural_language_question_finds_cases(search_backend):
    result = search_cases(
        request_from_params(QueryDict("q=hur+kan+vi+arbeta+med+brobyggare+i+skolan%3F"))
    )
    assert result.total > 0


@pytest.fixture
def fresh_vocabulary():
    from search.understanding_data import invalidate

    invalidate()
    yield
    invalidate()  # the test's rows are rolled back: forget what was built from them


@pytest.mark.django_db
def test_a_new_focus_area_is_understood_at_once(fresh_vocabulary):
    from search.understanding_data import vocabulary
    from themes.models import Theme

    assert interpret("kulturarvet", vocabulary()).filters == ()
    Theme.objects.create(name="Kulturarv", slug="kulturarv")
    assert [f.value for f in interpret("kulturarvet", vocabulary()).filters] == ["kulturarv"]
