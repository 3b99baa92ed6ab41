"""The result-indicator chart on case pages: bar lengths and the chart's text alternative.

Indicators come in different units (per cent, persons, kronor), so each indicator is drawn on its
own scale: the largest of its baseline, target and outcome fills the track. The indicator table
beside the chart stays the accessible equivalent; the text alternative says in words what the
bars show, so the chart (one `role="img"`) is never only visual.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from core.numbers import format_measure

KINDS = ("baseline", "target", "outcome")


@dataclass(frozen=True)
class Bar:
    kind: str  # one of KINDS
    label: str
    value: Decimal | None
    display: str  # the localised number, or words when there is no value
    length: int  # 0–100: share of the track; an int so templates never localise a decimal point


@dataclass(frozen=True)
class IndicatorBars:
    name: str
    unit: str
    bars: tuple[Bar, ...]

    @property
    def title(self) -> str:
        return f"{self.name} ({self.unit})" if self.unit else self.name


def _labels() -> dict[str, str]:
    return {"baseline": _("Baseline"), "target": _("Target"), "outcome": _("Outcome")}


def _missing(kind: str) -> str:
    return _("not yet measured") if kind == "outcome" else _("not given")


def _length(value: Decimal | None, largest: Decimal) -> int:
    if value is None or value <= 0 or largest <= 0:
        return 0
    # A positive value never disappears, however small next to the others.
    return max(1, round(float(value / largest) * 100))


def indicator_bars(indicators) -> list[IndicatorBars]:
    """One group of three bars per indicator (anything with name, unit, baseline, target and
    outcome). Negative values get no bar; their number is still shown."""
    labels = _labels()
    groups = []
    for indicator in indicators:
        values = {kind: getattr(indicator, kind) for kind in KINDS}
        present = [value for value in values.values() if value is not None]
        largest = max(present, default=Decimal(0))
        bars = tuple(
            Bar(
                kind=kind,
                label=labels[kind],
                value=value,
                display=format_measure(value) if value is not None else _missing(kind),
                length=_length(value, largest),
            )
            for kind, value in values.items()
        )
        groups.append(IndicatorBars(name=indicator.name, unit=indicator.unit or "", bars=bars))
    return groups


def text_alternative(groups: list[IndicatorBars]) -> str:
    """What the chart shows, in words: one sentence per indicator."""
    sentences = [
        _("Bar chart of the result indicators, each on its own scale."),
        *(
            _("%(indicator)s: baseline %(baseline)s, target %(target)s, outcome %(outcome)s.")
            % {"indicator": group.title, **{bar.kind: bar.display for bar in group.bars}}
            for group in groups
        ),
    ]
    return " ".join(sentences)
