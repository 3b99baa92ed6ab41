"""A case page with everything on it reads each thing once (issue #13): at most 12 queries once
its listings are cached, none of them twice, and the same page as before."""

from collections import Counter

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from core.content_version import bump_content_version
from tests.factories import make_case
from themes.models import Keyword

SECTIONS = ["background", "implementation", "results", "challenges", "lessons"]


@pytest.fixture
def full_case(filipstad, ljusnarsberg):
    source = make_case(ljusnarsberg, title="Källinsatsen i Ljusnarsberg")
    case = make_case(
        filipstad,
        title="Insatsen med allt",
        themes=["grundskola", "arbetsmarknad"],
        keywords=["läxhjälp", "mentorskap"],
        target_groups=["unga", "foraldrar"],
        partners=[{"name": "Regionen Värmland", "kind": "region"}],
        indicators=[
            {
                "name": "Närvaro",
                "unit": "%",
                "baseline": 50,
                "target": 80,
                "outcome": 70,
                "year": 2023,
            }
        ],
        follow_ups=[{"year": 2023, "text": "Första året gick enligt plan."}],
        inspired_by=[{"slug": source.slug, "note": "Vi tog över läxhjälpen."}],
        sources={source.slug: source},
        sections={name: [f"Text om {name}."] for name in SECTIONS},
        contact={"name": "Anna Andersson", "email": "anna@filipstad.example"},
    )
    make_case(
        filipstad,
        title="Insatsen som inspirerades",
        inspired_by=[{"slug": case.slug}],
        sources={case.slug: case},
    )
    return case


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, [query["sql"] for query in captured.captured_queries]


def _duplicates(queries):
    return [sql for sql, count in Counter(queries).items() if count > 1]


@pytest.mark.django_db
def test_case_page_reads_each_thing_once(client, full_case):
    first = client.get(full_case.url)
    response, queries = _queries(client, full_case.url)

    assert len(queries) <= 12, "\n".join(queries)
    assert _duplicates(queries) == []
    html = response.content.decode()
    for text in [
        "Insatsen med allt",
        "Regionen Värmland",
        "Närvaro",
        "Första året gick enligt plan.",
        "Källinsatsen i Ljusnarsberg",
        "Vi tog över läxhjälpen.",
        "Insatsen som inspirerades",
        "mentorskap",
        "Anna Andersson",
        "Text om lessons.",
    ]:
        assert text in html, text
    assert html == first.content.decode()


@pytest.mark.django_db
def test_first_view_after_a_publish_reads_no_row_twice(client, full_case):
    client.get(full_case.url)
    bump_content_version()
    response, queries = _queries(client, full_case.url)
    assert "Källinsatsen i Ljusnarsberg" in response.content.decode()
    repeated = [sql for sql in _duplicates(queries) if "case_search" not in sql]
    assert repeated == []


@pytest.mark.django_db
def test_a_change_is_shown_on_the_next_view(client, full_case):
    client.get(full_case.url)
    full_case.title = "Insatsen med nytt namn"
    full_case.save_revision().publish()
    assert "Insatsen med nytt namn" in client.get(full_case.url).content.decode()


@pytest.mark.django_db
def test_a_case_in_a_restricted_section_is_not_linked(client, full_case, ljusnarsberg):
    client.get(full_case.url)
    restriction = PageViewRestriction.objects.create(
        page=ljusnarsberg, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Moderatorer"))

    html = client.get(full_case.url).content.decode()

    assert "Källinsatsen i Ljusnarsberg" not in html
    assert "Insatsen som inspirerades" in html


@pytest.mark.django_db
def test_a_restricted_case_still_asks_for_the_password(client, full_case, filipstad):
    PageViewRestriction.objects.create(
        page=filipstad, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    response = client.get(full_case.url)
    assert response.status_code == 200
    assert "Insatsen med allt" not in response.content.decode()
    assert 'name="password"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/kommuner/", 200),
        ("/teman/", 200),
        ("/teman/grundskola/", 200),
        ("/kommuner/finns-inte/", 404),
        ("/kommuner/filipstad/finns-inte/", 404),
        ("/finns-inte/alls/", 404),
    ],
)
def test_routing_answers_as_wagtail_does(client, url, status):
    assert client.get(url).status_code == status


@pytest.mark.django_db
def test_a_keyword_page_routes_through_the_theme_index(client, full_case):
    keyword = Keyword.objects.get(name="mentorskap")
    response = client.get(f"/teman/nyckelord/{keyword.slug}/")
    assert response.status_code == 200
    assert "Insatsen med allt" in response.content.decode()


@pytest.mark.django_db
def test_an_unpublished_case_is_not_found(client, filipstad):
    case = make_case(filipstad, title="Utkastet", publish=False)
    assert client.get(f"{filipstad.url}{case.slug}/").status_code == 404
