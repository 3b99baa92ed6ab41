"""Implementation status on yearly follow-ups: required on new ones in the editor ("ended early"
with its reason), shown as a timeline on the case page, carried into the API record and open
data, and counted in the follow-up figures and on the editor's dashboard."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.utils import timezone

from cases import figures
from cases.exchange.case_rows import PageUrls
from cases.exchange.open_data_records import case_record as open_data_record
from cases.figures import FigureFilters
from cases.models import CaseStudyPage, FollowUpUpdate, Municipality
from cases.participation import add_participant
from cases.serialisation import case_record
from cms.dashboard.queries import editor_municipalities, editor_overview
from tests.admin_forms import edit_form, postable
from tests.factories import make_case

pytestmark = pytest.mark.django_db

NORRBOTTEN = "25"  # the demo has no cases there


def _add_follow_up(data, **fields):
    index = int(data["follow_ups-TOTAL_FORMS"])
    prefix = f"follow_ups-{index}-"
    values = {
        "year": "2026",
        "text": "Fler deltagare än väntat.",
        "status_change": "",
        "discontinued_reason": "",
        "implementation_status": "",
        "ORDER": str(index + 1),
        "DELETE": "",
        "id": "",
    } | fields
    for name, value in values.items():
        data[prefix + name] = value
    data["follow_ups-TOTAL_FORMS"] = str(index + 1)


def _errors(response) -> str:
    return " ".join(response.content.decode().split())


def test_a_new_follow_up_must_say_how_far_the_work_has_come(admin_client, filipstad):
    case = make_case(filipstad, title="Läxhjälp i Filipstad")
    url, data = edit_form(admin_client, case)
    _add_follow_up(data)
    response = admin_client.post(url, postable(data))
    assert response.status_code == HTTPStatus.OK
    assert "Välj hur långt insatsen har kommit." in _errors(response)
    assert "Fler deltagare än väntat." in _errors(response)  # nothing typed is lost

    url, data = edit_form(admin_client, case)
    _add_follow_up(data, implementation_status="x")
    response = admin_client.post(url, postable(data))
    assert response.status_code == HTTPStatus.OK  # an unknown value is a form error, not a 500


def test_ended_early_needs_the_reason(admin_client, filipstad):
    case = make_case(filipstad, title="Nattfotboll")
    url, data = edit_form(admin_client, case)
    _add_follow_up(data, implementation_status="ended_early")
    response = admin_client.post(url, postable(data))
    assert response.status_code == HTTPStatus.OK
    assert "Berätta varför insatsen avslutades i förtid" in _errors(response)

    url, data = edit_form(admin_client, case)
    _add_follow_up(
        data, implementation_status="ended_early", discontinued_reason="Lokalen försvann."
    )
    response = admin_client.post(url, postable(data))
    assert response.status_code == HTTPStatus.FOUND
    revision = CaseStudyPage.objects.get(pk=case.pk).latest_revision.as_object()
    [follow_up] = revision.follow_ups.all()
    assert follow_up.implementation_status == "ended_early"


def test_follow_ups_from_before_the_scale_may_stay_blank(admin_client, filipstad):
    case = make_case(
        filipstad, title="Språkcafé", follow_ups=[{"year": 2023, "text": "Det rullar på."}]
    )
    url, data = edit_form(admin_client, case)
    data["title"] = "Språkcafé på biblioteket"
    response = admin_client.post(url, postable(data))
    assert response.status_code == HTTPStatus.FOUND


def _case_with_timeline(filipstad) -> CaseStudyPage:
    case = make_case(filipstad, title="Sommarskola")
    FollowUpUpdate.objects.create(
        page=case, year=2025, text="Andra året.", implementation_status="substantial"
    )
    FollowUpUpdate.objects.create(
        page=case, year=2024, text="Första året.", implementation_status="limited"
    )
    FollowUpUpdate.objects.create(page=case, year=2023, text="Innan skalan fanns.")
    return case


def test_the_case_page_shows_the_years_as_an_ordered_timeline(client, filipstad):
    case = _case_with_timeline(filipstad)
    html = " ".join(client.get(case.url).content.decode().split())
    timeline = html[
        html.index('<ol class="follow-ups">') : html.index("</ol>", html.index("follow-ups"))
    ]
    assert timeline.index("<h3>2023") < timeline.index("<h3>2024") < timeline.index("<h3>2025")
    assert "<strong>Genomförande:</strong> Begränsad" in timeline
    assert "<strong>Genomförande:</strong> Betydande" in timeline
    assert timeline.count("Genomförande:") == 2  # the old follow-up shows no empty status


def test_the_english_page_names_the_status_in_english(client, filipstad):
    case = _case_with_timeline(filipstad)
    html = client.get("/en" + case.url).content.decode()
    assert "Substantial" in html and "Limited" in html


def test_the_api_record_and_open_data_carry_the_status(filipstad):
    case = _case_with_timeline(filipstad)
    page = CaseStudyPage.objects.get(pk=case.pk)
    urls = PageUrls("https://kunskapsbanken.example")
    record = case_record(page, urls)
    statuses = {item["year"]: item["implementation_status"] for item in record["follow_ups"]}
    assert statuses == {2025: "substantial", 2024: "limited", 2023: ""}
    open_record = open_data_record(page, urls)
    statuses = {item["ar"]: item["genomforande"] for item in open_record["uppfoljningar"]}
    assert statuses == {2025: "substantial", 2024: "limited", 2023: None}


@pytest.fixture
def norrbotten_cases():
    this_year = timezone.localdate().year
    kiruna = add_participant(Municipality.objects.get(code="2584")).page
    pajala = add_participant(Municipality.objects.get(code="2521")).page
    a = make_case(kiruna, title="Fritidsbank", start_date=f"{this_year - 3}-01-01")
    b = make_case(kiruna, title="Läxhjälp", start_date=f"{this_year - 1}-01-01")
    c = make_case(pajala, title="Simskola", start_date=f"{this_year - 3}-01-01")
    make_case(pajala, title="Utkast", publish=False, start_date=f"{this_year - 3}-01-01")
    for page, year in ((a, this_year - 1), (a, this_year), (c, this_year - 1)):
        FollowUpUpdate.objects.create(
            page=page, year=year, text="Pågår.", implementation_status="substantial"
        )
    return this_year, a, b, c


def test_share_followed_up_per_year(norrbotten_cases):
    this_year, *_ = norrbotten_cases
    table = figures.cases_followed_up_per_year(FigureFilters(county_code=NORRBOTTEN))
    rows = {row.label: row.values for row in table.rows}
    # started by then, followed up, share
    assert rows == {str(this_year - 1): (3, 2, 67), str(this_year): (3, 1, 33)}
    assert table.total.values == (3, 2, 67)


def test_share_followed_up_per_municipality(norrbotten_cases):
    table = figures.cases_followed_up_per_municipality(FigureFilters(county_code=NORRBOTTEN))
    rows = {row.label: row.values for row in table.rows if row.values[0]}
    assert rows == {"Kiruna": (2, 1, 50, 1, 50), "Pajala": (1, 1, 100, 0, 0)}
    assert table.total.values == (3, 2, 67, 1, 33)


def test_the_statistics_page_and_its_download_show_the_figure(client, norrbotten_cases):
    page = client.get("/statistik/", {"lan": NORRBOTTEN}).content.decode()
    assert '<h2 id="uppfoljda-insatser-per-kommun">' in page
    assert "Insatser som följts upp per kommun" in page


def test_the_editor_dashboard_shows_their_municipalitys_share(client, filipstad, filipstad_editor):
    this_year = timezone.localdate().year
    followed = make_case(filipstad, title="Fältgruppen", status="ongoing")
    FollowUpUpdate.objects.create(
        page=followed, year=this_year, text="Pågår.", implementation_status="limited"
    )
    overview = editor_overview(editor_municipalities(filipstad_editor))
    assert overview.followed_up_this_year <= overview.due_this_year
    assert overview.followed_up_this_year >= 1
    client.force_login(filipstad_editor)
    html = " ".join(client.get("/admin/").content.decode().split())
    assert (
        f"{overview.followed_up_this_year} av {overview.due_this_year} pågående publicerade "
        f"insatser har uppföljning för {this_year}"
    ) in html
