"""County names on the spread map break only at a compound's joint (cases/spread_tile_names.py)."""

from cases.county_tiles import short_county_name
from cases.spread_tile_names import SOFT_HYPHEN, breakable


def test_a_long_name_gets_a_soft_hyphen_at_its_joint():
    assert breakable("Västernorrland") == f"Väster{SOFT_HYPHEN}norrland"
    assert breakable(short_county_name("Östergötlands län")) == f"Öster{SOFT_HYPHEN}götland"


def test_short_names_are_left_alone():
    assert breakable("Skåne") == "Skåne"
    assert breakable("Dalarna") == "Dalarna"


def test_a_name_with_a_space_may_also_break_at_its_joint():
    assert breakable("Västra Götaland") == f"Västra Göta{SOFT_HYPHEN}land"


def test_the_name_reads_the_same_without_its_soft_hyphens():
    for name in ("Västerbotten", "Södermanland", "Jönköping", "Stockholm"):
        assert breakable(name).replace(SOFT_HYPHEN, "") == name
