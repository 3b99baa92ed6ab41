"""The bar lengths and text alternative of the case page's indicator chart (pure functions)."""

from decimal import Decimal
from types import SimpleNamespace

from django.utils import translation

from cms.indicator_chart import indicator_bars, text_alternative
from core.numbers import format_measure


def _indicator(name="Närvaro", unit="%", baseline=None, target=None, outcome=None):
    def number(value):
        return None if value is None else Decimal(str(value))

    return SimpleNamespace(
        name=name,
        unit=unit,
        baseline=number(baseline),
        target=number(target),
        outcome=number(outcome),
    )


def _lengths(group):
    return {bar.kind: bar.length for bar in group.bars}


def test_each_indicator_is_drawn_on_its_own_scale():
    small, large = indicator_bars(
        [
            _indicator(baseline=2, target=4, outcome=3),
            _indicator(baseline=1000, target=500, outcome=250),
        ]
    )
    assert _lengths(small) == {"baseline": 50, "target": 100, "outcome": 75}
    assert _lengths(large) == {"baseline": 100, "target": 50, "outcome": 25}


def test_missing_zero_and_negative_values_get_no_bar_but_keep_their_words():
    with translation.override("en"):
        (group,) = indicator_bars([_indicator(baseline=-5, target=0, outcome=None)])
    assert _lengths(group) == {"baseline": 0, "target": 0, "outcome": 0}
    assert [bar.display for bar in group.bars] == ["-5", "0", "not yet measured"]


def test_a_tiny_positive_value_still_shows_a_bar():
    (group,) = indicator_bars([_indicator(baseline=0.01, target=1000, outcome=500)])
    assert _lengths(group)["baseline"] == 1


def test_the_text_alternative_names_every_value_of_every_indicator():
    with translation.override("en"):
        groups = indicator_bars(
            [
                _indicator(baseline=24, target=15, outcome=14.5),
                _indicator(name="Träffar", unit="", target=30),
            ]
        )
        text = text_alternative(groups)
    assert text.startswith("Bar chart of the result indicators, each on its own scale.")
    assert "Närvaro (%): baseline 24, target 15, outcome 14.5." in text
    assert "Träffar: baseline not given, target 30, outcome not yet measured." in text


def test_measures_are_localised_without_trailing_zeros():
    with translation.override("sv"):
        assert format_measure(Decimal("14.50")) == "14,5"
        assert format_measure(Decimal("100.00")) == "100"
        assert format_measure(Decimal("0.25")) == "0,25"
    with translation.override("en"):
        assert format_measure(Decimal("14.50")) == "14.5"
