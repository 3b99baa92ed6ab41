"""The similarity on standardised, weighted key figures (key_figures/similarity.py): pure."""

import pytest

from key_figures.neighbours import profiles_from_rows
from key_figures.similarity import Profile, distance, most_similar, similar_table, standardised

WEIGHTS = {"population": 1.0, "born_abroad": 1.0, "unemployment": 1.0}


def _profile(code, population, born_abroad, unemployment, group=""):
    values = {"population": population, "born_abroad": born_abroad, "unemployment": unemployment}
    return Profile(code, values, group)


PROFILES = [
    _profile("small", 5000, 20, 9, "C8"),
    _profile("small-twin", 5200, 21, 9.2, "C8"),
    _profile("small-other-group", 5100, 20.5, 9.1, "A1"),
    _profile("city", 900000, 25, 7, "A1"),
    _profile("town", 60000, 15, 6, "B3"),
]


def test_z_scores_have_mean_zero_and_unit_spread():
    scores = standardised(PROFILES, ["born_abroad"])
    values = [scores[p.code]["born_abroad"] for p in PROFILES]
    assert sum(values) == pytest.approx(0)
    assert sum(v * v for v in values) / len(values) == pytest.approx(1)


def test_the_closest_municipality_comes_first_and_itself_never():
    table = similar_table(PROFILES, WEIGHTS, 3, log_keys=["population"])
    assert {code for code, _gap in table["small"][:2]} == {"small-twin", "small-other-group"}
    assert table["small"][2][0] == "town"
    assert "small" not in [code for code, _gap in table["small"]]


def test_the_same_group_wins_between_equally_close_municipalities():
    twins = [
        _profile("a", 5000, 20, 9, "C8"),
        _profile("b", 6000, 21, 9, "C8"),
        _profile("c", 6000, 21, 9, "C6"),
        _profile("d", 4000, 19, 9, "A1"),
    ]
    ranked = [code for code, _gap in similar_table(twins, WEIGHTS, 3)["a"]]
    assert ranked[0] == "b"


def test_a_weight_of_zero_leaves_an_indicator_out():
    a = {"population": 0.0, "born_abroad": 0.0, "unemployment": 0.0}
    b = {"population": 0.0, "born_abroad": 0.0, "unemployment": 5.0}
    assert distance(a, b, {**WEIGHTS, "unemployment": 0}) == 0
    assert distance(a, b, WEIGHTS) > 0


def test_too_few_shared_figures_means_no_comparison():
    lonely = Profile("lonely", {"population": 5000}, "C8")
    table = similar_table([*PROFILES, lonely], WEIGHTS, 3)
    assert "lonely" not in table
    assert all("lonely" not in [code for code, _ in rows] for rows in table.values())


def test_a_municipality_without_figures_gets_an_empty_list():
    assert most_similar("nowhere", {}, {}, WEIGHTS, 5) == []


def test_all_equal_figures_do_not_divide_by_zero():
    same = [_profile(str(n), 5000, 20, 9) for n in range(3)]
    assert len(similar_table(same, WEIGHTS, 5)["0"]) == 2


def test_profiles_take_the_newest_year_with_a_value():
    rows = [
        ("1782", "population", 2022, 10600, "", False),
        ("1782", "population", 2023, 10500, "", False),
        ("1782", "unemployment", 2024, None, "", False),
        ("1782", "unemployment", 2023, 9.5, "", True),
        ("1782", "municipality_group", 2023, None, "C8", False),
    ]
    profile = profiles_from_rows(rows)["1782"]
    assert profile.values == {"population": 10500.0, "unemployment": 9.5}
    assert profile.group == "C8"
    assert profile.years["population"] == 2023
    assert profile.demo
