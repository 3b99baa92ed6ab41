"""The key figures kept per municipality, as data: what each one is, where it comes from and how
much it weighs in the similarity (key_figures/similarity.py).

Kolada (api.kolada.se, run by RKA) publishes every figure below per municipality and year; the
municipality group is SKR's kommungruppsindelning (2023), a category that Kolada does not give as
a figure, so it is imported from a CSV (key_figures/importer.py). docs/architecture.md lists the
sources and years.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

KOLADA_KPI_URL = "https://www.kolada.se/verktyg/fri-sokning/?kpis={kpi}"
SKR_GROUPS_URL = "https://skr.se/skr/tjanster/kommunerochregioner/faktakommunerochregioner/kommungruppsindelning.2051.html"

GROUP = "municipality_group"


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    kpi: str  # Kolada's id; "" for the municipality group
    unit: str  # "" for counts, "%" for shares
    weight: float  # in the similarity; 0 leaves it out
    log_scale: bool = False  # compared on a log scale (population spans 2,400 to 990,000)

    @property
    def numeric(self) -> bool:
        return bool(self.kpi)

    @property
    def source(self) -> str:
        return f"Kolada {self.kpi}" if self.kpi else "SKR kommungruppsindelning"

    @property
    def source_url(self) -> str:
        return KOLADA_KPI_URL.format(kpi=self.kpi) if self.kpi else SKR_GROUPS_URL


INDICATORS = (
    # Invånare totalt, antal (SCB, 31 December)
    Indicator("population", _("Population"), "N01951", "", 1.0, log_scale=True),
    # Invånare födda utomlands, andel (%) (SCB)
    Indicator("born_abroad", _("Born abroad"), "N02926", "%", 1.0),
    # Arbetslöshet 16-64 år, andel (%) av befolkningen (Arbetsförmedlingen)
    Indicator("unemployment", _("Unemployment 16–64"), "N03937", "%", 1.0),
    # Invånare 25-64 år med gymnasial utbildning, andel (%) (SCB)
    Indicator("upper_secondary", _("Upper-secondary education 25–64"), "N01983", "%", 1.0),
    Indicator(GROUP, _("Municipality group"), "", "", 0.0),
)
BY_KEY = {indicator.key: indicator for indicator in INDICATORS}
BY_KPI = {indicator.kpi: indicator for indicator in INDICATORS if indicator.kpi}
NUMERIC = tuple(indicator for indicator in INDICATORS if indicator.numeric)

# SKR's kommungruppsindelning 2023: three main groups, nine groups.
GROUPS = {
    "A1": _("Large cities"),
    "A2": _("Commuting municipality near a large city"),
    "B3": _("Medium-sized town"),
    "B4": _("Commuting municipality near a medium-sized town"),
    "B5": _("Low-commuting municipality near a medium-sized town"),
    "C6": _("Small town"),
    "C7": _("Commuting municipality near a small town"),
    "C8": _("Rural municipality"),
    "C9": _("Rural municipality with visitor industry"),
}


def weights() -> dict[str, float]:
    """Each numeric indicator's weight: the defaults above, or settings.KEY_FIGURE_WEIGHTS."""
    configured = getattr(settings, "KEY_FIGURE_WEIGHTS", None) or {}
    return {i.key: float(configured.get(i.key, i.weight)) for i in NUMERIC}


def group_label(code: str) -> str:
    return str(GROUPS.get(code, code))
