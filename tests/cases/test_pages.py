"""Every page type renders with 200 and shows what an editor put in it."""

import re
from http import HTTPStatus

import pytest
from django.utils.html import escape

from cases.models import CaseStudyPage, GrantAllocation, MunicipalityPage
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def _get(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return response.content.decode()


def test_case_page_shows_every_field(client, filipstad, ljusnarsberg):
    source = make_case(ljusnarsberg, title="Läxhjälp i Kopparberg")
    case = make_case(
        filipstad,
        title="Brobyggare i skolan",
        summary="Brobyggare stöttar nyanlända familjer.",
        themes=["grundskola", "integration-nyanlanda"],
        keywords=["brobyggare", "modersmål"],
        target_groups=["foraldrar", "nyanlanda"],
        status="completed",
        start_date="2021-08-16",
        end_date="2024-06-14",
        grant_amount=1_250_000,
        total_budget=2_000_000,
        partners=[{"name": "Folkhögskolan i länet", "kind": "education"}],
        evidence_level="evaluated_good",
        evaluation_kind="external_evaluation",
        sections={
            "background": ["Frånvaron var hög."],
            "implementation": ["Två brobyggare anställdes."],
            "results": ["Närvaron ökade."],
            "challenges": ["Rekryteringen tog tid."],
            "success_factors": ["Rektorernas stöd."],
            "lessons": ["Börja med rollbeskrivningen."],
            "continuation": ["Tjänsterna finansieras nu av skolan."],
        },
        quote={"text": "Nu förstår vi skolan.", "attribution": "En förälder"},
        indicators=[
            {
                "name": "Andel elever med hög frånvaro",
                "unit": "%",
                "baseline": 24,
                "target": 15,
                "outcome": 14.5,
                "year": 2023,
            }
        ],
        follow_ups=[
            {"year": 2024, "text": "Insatsen avslutades enligt plan.", "status_change": "completed"}
        ],
        inspired_by=[{"slug": source.slug, "note": "Vi lånade upplägget."}],
        sources={source.slug: source},
        contact={
            "role": "Projektledare",
            "email": "brobyggare@filipstad.example",
            "phone": "0590-00 00 00",
        },
    )
    html = _get(client, case.url)
    for expected in [
        "Brobyggare i skolan",
        "Brobyggare stöttar nyanlända familjer.",
        "Filipstad",
        "Värmlands län",
        "Avslutad",
        "1\u00a0250\u00a0000 kr",  # Swedish groups thousands with no-break spaces
        "2\u00a0000\u00a0000 kr",
        "Grundskola",
        "Integration av nyanlända",
        "brobyggare",
        "modersmål",
        "Föräldrar och vårdnadshavare",
        "Folkhögskolan i länet",
        "Utvärderad med goda resultat",
        "Extern utvärdering",
        "Bakgrund",
        "Frånvaron var hög.",
        "Genomförande",
        "Resultat",
        "Utmaningar och det som inte fungerade",
        "Framgångsfaktorer och överförbarhet",
        "Lärdomar",
        "Så lever arbetet vidare",
        "Tjänsterna finansieras nu av skolan.",
        "Nu förstår vi skolan.",
        "Andel elever med hög frånvaro",
        "14,5",
        "Insatsen avslutades enligt plan.",
        "Läxhjälp i Kopparberg",
        "Vi lånade upplägget.",
        "Kontakta ansvariga för insatsen",  # the contact page's link, instead of the address
        "0590-00 00 00",
    ]:
        assert escape(expected) in html or expected in html, expected
    assert "brobyggare@filipstad.example" not in html
    assert html.count("<h1") == 1
    assert "Exempel – fiktiv insats" not in html[: html.index('id="facts-heading"')]

    source_html = _get(client, source.url)
    assert "Har inspirerat" in source_html
    assert "Brobyggare i skolan" in source_html


def test_demo_case_is_visibly_marked_as_an_example(client):
    case = CaseStudyPage.objects.live().filter(is_example=True).first()
    assert "Exempel – fiktiv insats" in _get(client, case.url)


def test_municipality_page_shows_overview_grants_cases_and_contact(client):
    page = MunicipalityPage.objects.get(municipality__code="1782")
    html = _get(client, page.url)
    grants = GrantAllocation.objects.filter(municipality__code="1782")
    assert grants.exists()
    for grant in grants:
        assert str(grant.year) in html
    for case in CaseStudyPage.objects.live().filter(municipality__code="1782"):
        assert escape(case.title) in html
    assert "Beviljade bidrag" in html
    assert page.contact_email in html
    assert "Exempel – fiktiv text" in html


def test_municipality_index_groups_participants_by_county(client):
    html = _get(client, "/kommuner/")
    assert "Värmlands län" in html
    assert html.index("Filipstad") > html.index("Värmlands län")
    listed = re.findall(r'<li><a href="/kommuner/[^"/]+/">', html)
    assert len(listed) == MunicipalityPage.objects.live().count()


def test_home_page_lists_focus_areas_and_latest_cases(client):
    html = _get(client, "/")
    assert "Förebyggande arbete för barn och unga" in html
    newest = CaseStudyPage.objects.live().order_by("-first_published_at").first()
    assert escape(newest.title) in html


def test_unpublished_case_is_not_found_and_not_listed(client, filipstad):
    draft = make_case(filipstad, title="Hemligt utkast", publish=False)
    assert client.get(f"/kommuner/filipstad/{draft.slug}/").status_code == HTTPStatus.NOT_FOUND
    assert "Hemligt utkast" not in _get(client, filipstad.url)


def test_unknown_page_gets_a_swedish_404_in_the_site_design(client):
    response = client.get("/finns-inte/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Sidan hittades inte" in response.content.decode()
