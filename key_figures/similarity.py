"""Which municipalities are like a given one: pure functions on key-figure profiles.

Each numeric indicator is standardised over every municipality that has it (z-score: minus the
mean, divided by the standard deviation; population on a log scale first, since it spans
2,400 to 990,000). The distance between two municipalities is the weighted root mean square of
the differences of their z-scores over the indicators both have (weights: indicators.weights()).
The municipality group is a bonus, not a filter: the same SKR group multiplies the distance by
SAME_GROUP, the same main group (A, B or C) by SAME_MAIN_GROUP – so a close match in another group
can still come first, but of two equally close ones the one in the same group wins.
A municipality with fewer than MIN_SHARED indicators in common is never compared.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

SAME_GROUP = 0.7
SAME_MAIN_GROUP = 0.85
MIN_SHARED = 2


@dataclass(frozen=True)
class Profile:
    code: str
    values: Mapping[str, float]  # indicator key -> newest value
    group: str = ""  # SKR group code, "" if unknown
    years: Mapping[str, int] = field(default_factory=dict)
    demo: bool = False


def _scaled(key: str, value: float, log_keys: set[str]) -> float:
    return math.log10(max(value, 1.0)) if key in log_keys else value


def standardised(
    profiles: Iterable[Profile], keys: Iterable[str], log_keys: Iterable[str] = ()
) -> dict[str, dict[str, float]]:
    """code -> indicator -> z-score, over the profiles that have the indicator."""
    profiles, log_keys = list(profiles), set(log_keys)
    scores: dict[str, dict[str, float]] = {p.code: {} for p in profiles}
    for key in keys:
        present = [
            (p.code, _scaled(key, p.values[key], log_keys)) for p in profiles if key in p.values
        ]
        if not present:
            continue
        mean = sum(value for _code, value in present) / len(present)
        spread = math.sqrt(sum((value - mean) ** 2 for _code, value in present) / len(present))
        for code, value in present:
            scores[code][key] = (value - mean) / spread if spread else 0.0
    return scores


def distance(a: Mapping[str, float], b: Mapping[str, float], weights: Mapping[str, float]):
    """Weighted RMS of z-score differences over shared, weighted indicators; None if too few."""
    shared = [key for key in a if key in b and weights.get(key, 0) > 0]
    if len(shared) < MIN_SHARED:
        return None
    total = sum(weights[key] for key in shared)
    return math.sqrt(sum(weights[key] * (a[key] - b[key]) ** 2 for key in shared) / total)


def group_factor(a: str, b: str) -> float:
    if a and a == b:
        return SAME_GROUP
    if a and b and a[0] == b[0]:
        return SAME_MAIN_GROUP
    return 1.0


def most_similar(
    code: str,
    profiles: Mapping[str, Profile],
    scores: Mapping[str, Mapping[str, float]],
    weights: Mapping[str, float],
    limit: int,
) -> list[tuple[str, float]]:
    """The `limit` closest other municipalities to `code`, closest first (ties by code)."""
    if code not in profiles:
        return []
    own = profiles[code]
    found = []
    for other, profile in profiles.items():
        if other == code:
            continue
        gap = distance(scores[code], scores[other], weights)
        if gap is not None:
            found.append((gap * group_factor(own.group, profile.group), other))
    found.sort()
    return [(other, round(gap, 4)) for gap, other in found[:limit]]


def comparable(profile: Profile, weights: Mapping[str, float]) -> bool:
    return sum(1 for key in profile.values if weights.get(key, 0) > 0) >= MIN_SHARED


def similar_table(
    profiles: Iterable[Profile],
    weights: Mapping[str, float],
    limit: int,
    log_keys: Iterable[str] = (),
) -> dict[str, list[tuple[str, float]]]:
    """code -> its `limit` most similar municipalities, for every comparable profile."""
    usable = {p.code: p for p in profiles if comparable(p, weights)}
    scores = standardised(usable.values(), weights.keys(), log_keys)
    return {code: most_similar(code, usable, scores, weights, limit) for code in usable}
