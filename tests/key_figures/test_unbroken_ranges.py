"""Age ranges in the key figures' labels ('25–64') never wrap after the dash, in the similar
table's headers and its sources line, in English and Swedish."""

import pytest

from key_figures.presentation import WORD_JOINER, unbroken_ranges

pytestmark = pytest.mark.django_db

JOINED = f"25{WORD_JOINER}–{WORD_JOINER}64"


def test_a_number_range_is_joined_and_nothing_else_changes():
    assert unbroken_ranges("Upper-secondary education 25–64") == (
        f"Upper-secondary education {JOINED}"
    )
    assert unbroken_ranges("Unemployment 16–64") == f"Unemployment 16{WORD_JOINER}–{WORD_JOINER}64"
    assert unbroken_ranges("2021 – 2023 and a–b") == "2021 – 2023 and a–b"
    assert unbroken_ranges("Population") == "Population"


@pytest.mark.parametrize(
    ("prefix", "label"), [("/en", "Upper-secondary education"), ("", "Gymnasial")]
)
def test_the_sources_line_keeps_the_range_together(client, filipstad, prefix, label):
    html = client.get(prefix + filipstad.url).content.decode()
    sources = html.split('id="similar-caption"')[1]
    assert f"{label}" in sources
    assert JOINED in sources
    assert "25–64" not in sources
