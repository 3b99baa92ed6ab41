"""'Kommuner som liknar …' on the municipality page and the case page."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from key_figures.models import KeyFigure
from tests.factories import make_case

DATA = Path(__file__).parent / "data"
pytestmark = pytest.mark.django_db


def test_the_municipality_page_lists_five_similar_municipalities_as_demo_figures(client, filipstad):
    html = client.get(filipstad.url).content.decode()
    assert "Kommuner som liknar Filipstad" in html
    assert "Exempelsiffror" in html
    assert "påhittade för demonstrationen" in html
    table = html.split('id="similar-caption"')[1].split("</table>")[0]
    assert table.count("<tr") == 1 + 1 + 5  # header, Filipstad, five others
    assert "Kolada N01951" in html
    assert "?liknar=filipstad" in html


def test_a_municipality_without_figures_gets_a_sentence_not_an_error(client, filipstad):
    KeyFigure.objects.filter(municipality__code="1782").delete()
    response = client.get(filipstad.url)
    assert response.status_code == 200
    assert "Det finns inga nyckeltal för Filipstad ännu" in response.content.decode()


def test_real_figures_show_on_the_next_anonymous_request(client, filipstad):
    client.get(filipstad.url)
    call_command("import_key_figures", DATA / "kolada_good.json", stdout=StringIO())
    html = client.get(filipstad.url).content.decode()
    assert "10\xa0512" in html or "10 512" in html


def test_the_english_page_has_it_in_english(client, filipstad):
    html = client.get("/en" + filipstad.url).content.decode()
    assert "Municipalities like Filipstad" in html
    assert "Example figures" in html


def test_the_case_page_lists_similar_municipalities(client, filipstad):
    case = make_case(filipstad, title="Insatsen i Filipstad")
    html = client.get(case.url).content.decode()
    section = html.split('id="similar-municipalities-heading"')[1].split("</section>")[0]
    assert "Kommuner som liknar Filipstad" in section
    assert section.count("<li>") == 5
    assert "Exempelsiffror" in section


def test_a_municipality_page_in_a_private_section_is_not_linked(client, filipstad):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    from key_figures.neighbours import similar_to

    neighbour = similar_to("1782")["neighbours"][0]
    page = type(filipstad).objects.get(municipality__code=neighbour["code"])
    assert f'href="{page.url}"' in client.get(filipstad.url).content.decode()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Moderatorer"))
    html = client.get(filipstad.url).content.decode()
    assert f'href="{page.url}"' not in html
    assert neighbour["name"] in html  # still compared, only not linked
