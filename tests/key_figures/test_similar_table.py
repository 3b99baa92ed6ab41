"""The 'similar municipalities' table reads the same way down a column, in Swedish and English."""

import re
from decimal import Decimal

import pytest
from django.utils import translation

from key_figures.models import KeyFigure
from key_figures.presentation import cell

pytestmark = pytest.mark.django_db


def _entry(**values):
    return {"values": values, "group": "C8"}


@pytest.mark.parametrize(
    ("language", "whole", "half"), [("sv", "23,0 %", "22,5 %"), ("en", "23.0 %", "22.5 %")]
)
def test_every_share_has_one_decimal_in_the_site_language(language, whole, half):
    with translation.override(language):
        assert cell("born_abroad", _entry(born_abroad=Decimal("23"))) == whole
        assert cell("born_abroad", _entry(born_abroad=Decimal("22.50"))) == half
        assert cell("born_abroad", _entry(born_abroad=Decimal("22.45"))) == half  # half up
        assert cell("born_abroad", _entry()) == "–"


def _share_cells(html: str) -> list[str]:
    table = html.split('id="similar-caption"')[1].split("</table>")[0]
    return re.findall(r'<td class="num">([^<]*%)</td>', table)


def test_a_whole_share_keeps_its_decimal_beside_the_others(client, filipstad):
    KeyFigure.objects.filter(municipality__code="1782", indicator="born_abroad").update(
        value=Decimal("23.00")
    )
    KeyFigure.objects.filter(municipality__code="1782", indicator="born_abroad").first().save()
    html = client.get(filipstad.url).content.decode()
    shares = _share_cells(html)
    assert "23,0\xa0%" in shares or "23,0 %" in shares
    assert shares and all(re.fullmatch(r"\d+,\d[\xa0 ]%", share) for share in shares), shares


def test_the_english_table_uses_english_decimals(client, filipstad):
    shares = _share_cells(client.get("/en" + filipstad.url).content.decode())
    assert shares and all(re.fullmatch(r"\d+\.\d[\xa0 ]%", share) for share in shares), shares


def test_the_search_link_says_insatser_as_the_rest_of_the_site(client, filipstad):
    html = client.get(filipstad.url).content.decode()
    assert "Sök insatser från Filipstad och liknande kommuner" in html
    assert "Sök fall" not in html
    english = client.get("/en" + filipstad.url).content.decode()
    assert "Search cases from Filipstad and similar municipalities" in english


def test_the_own_row_counts_its_cases_in_words_like_the_others(client, filipstad):
    html = client.get(filipstad.url).content.decode()
    own = html.split('class="similar-table__own"')[1].split("</tr>")[0]
    assert re.search(r'<td class="num">\d+ insats(er)?</td>', own), own
