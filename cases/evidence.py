"""The evidence ladder: the order of the levels, the derived level "tried in several
municipalities", how it combines with the level an editor chose, and the criteria of each level.

Rules (published on /om/evidensnivaer/ through the criteria):

- A case *reports results* when it has at least one result indicator with a measured outcome, or
  its editor chose a level from Promising upwards (every such level rests on measured follow-up
  or an evaluation).
- A case is *tried in several municipalities* when public cases in at least
  `EVIDENCE_SPREAD_MIN_MUNICIPALITIES` (default 2) municipalities other than its own name it as
  their inspiration and report results. Only the direct links count: a link of a link does not,
  so cycles in the links cannot loop or inflate anything.
- The level a case shows (its *effective* level) is the higher of the chosen and the derived one
  on the ladder. The evaluated levels – good results, mixed effects, no effect shown – all stand
  above spread: a case whose evaluation found no effect keeps "no effect shown" however far it
  spread.

The pure functions take plain values; `uptake_by_source` reads the links in one query, and
`spread_uptake` keeps the answer for the whole site once per content version.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.choices import EVIDENCE_CRITERIA, EvidenceLevel
from core.content_version import cached

DERIVED = EvidenceLevel.TRIED_IN_SEVERAL.value
DEFAULT_MIN_MUNICIPALITIES = 2

# The ladder, lowest first, as shown on the evidence-levels page. The three evaluated levels share
# the top rung: they differ in what the evaluation found, not in how well it is known.
LADDER = (
    EvidenceLevel.NOT_EVALUATED.value,
    EvidenceLevel.PROMISING.value,
    EvidenceLevel.TRIED_IN_SEVERAL.value,
    EvidenceLevel.EVALUATED_GOOD.value,
    EvidenceLevel.EVALUATED_MIXED.value,
    EvidenceLevel.NO_EFFECT.value,
)
RUNG = {
    EvidenceLevel.NOT_EVALUATED.value: 0,
    EvidenceLevel.PROMISING.value: 1,
    EvidenceLevel.TRIED_IN_SEVERAL.value: 2,
    EvidenceLevel.EVALUATED_GOOD.value: 3,
    EvidenceLevel.EVALUATED_MIXED.value: 3,
    EvidenceLevel.NO_EFFECT.value: 3,
}
REPORTING_LEVELS = frozenset(level for level, rung in RUNG.items() if rung >= 1) - {DERIVED}


def min_municipalities() -> int:
    return max(
        1, int(getattr(settings, "EVIDENCE_SPREAD_MIN_MUNICIPALITIES", DEFAULT_MIN_MUNICIPALITIES))
    )


def rung(level: str) -> int:
    """The level's height on the ladder; an unknown level counts as not evaluated."""
    return RUNG.get(level, 0)


def in_ladder_order(levels: Iterable[str]) -> list[str]:
    """Known levels in the ladder's order (unknown ones dropped)."""
    wanted = set(levels)
    return [level for level in LADDER if level in wanted]


def effective_level(chosen: str, derived: bool) -> str:
    """The level a case shows: the derived one only when it stands higher than the chosen one
    (so an evaluated level – "no effect shown" included – is never overridden by spread)."""
    if derived and rung(DERIVED) > rung(chosen):
        return DERIVED
    return chosen if chosen in RUNG else EvidenceLevel.NOT_EVALUATED.value


def reports_results(chosen: str, has_measured_outcome: bool) -> bool:
    return has_measured_outcome or chosen in REPORTING_LEVELS


@dataclass(frozen=True)
class Uptake:
    """One public case that names the source as its inspiration."""

    case_id: int
    municipality_id: int | None
    chosen_level: str
    has_measured_outcome: bool

    @property
    def reports_results(self) -> bool:
        return reports_results(self.chosen_level, self.has_measured_outcome)


def qualifying_uptake(
    source_municipality_id: int | None, uptakes: Iterable[Uptake], minimum: int
) -> tuple[int, ...]:
    """The ids of the cases that lift a source to the derived level – those in other
    municipalities that report results – or () when they are in fewer than `minimum`
    municipalities."""
    counted = [
        uptake
        for uptake in uptakes
        if uptake.reports_results
        and uptake.municipality_id is not None
        and uptake.municipality_id != source_municipality_id
    ]
    if len({uptake.municipality_id for uptake in counted}) < minimum:
        return ()
    return tuple(sorted({uptake.case_id for uptake in counted}))


def uptake_by_source(
    source_ids: Iterable[int] | None = None, restricted_paths: Iterable[str] | None = None
) -> dict[int, tuple[int, ...]]:
    """For each public source case that reaches the derived level, the ids of the cases that
    lift it there, fresh from the database. `source_ids` limits the sources; `restricted_paths`
    are the paths of the pages with a view restriction when the caller has read them already
    (a case below one is private), else they are read here."""
    from wagtail.models import PageViewRestriction

    # Looked up, not imported: cases.models imports this module (the editor's help panel).
    CaseInspiration = apps.get_model("cases", "CaseInspiration")
    ResultIndicator = apps.get_model("cases", "ResultIndicator")

    if restricted_paths is None:
        restricted_paths = PageViewRestriction.objects.values_list("page__path", flat=True)
    restricted = tuple(restricted_paths)
    links = CaseInspiration.objects.filter(page__live=True, source__live=True)
    if source_ids is not None:
        links = links.filter(source_id__in=list(source_ids))
    measured = ResultIndicator.objects.filter(page_id=OuterRef("page_id"), outcome__isnull=False)
    rows = links.annotate(measured=Exists(measured)).values_list(
        "source_id",
        "source__municipality_id",
        "source__path",
        "page_id",
        "page__municipality_id",
        "page__evidence_level",
        "page__path",
        "measured",
    )
    grouped: dict[int, tuple[int | None, list[Uptake]]] = {}
    for (
        source_id,
        source_municipality,
        source_path,
        page_id,
        municipality,
        level,
        path,
        has_outcome,
    ) in rows:
        if source_path.startswith(restricted) or path.startswith(restricted):
            continue  # private: neither counts nor gets a level anyone sees
        entry = grouped.setdefault(source_id, (source_municipality, []))
        entry[1].append(Uptake(page_id, municipality, level, has_outcome))
    minimum = min_municipalities()
    result = {}
    for source_id, (source_municipality, uptakes) in grouped.items():
        cases = qualifying_uptake(source_municipality, uptakes, minimum)
        if cases:
            result[source_id] = cases
    return result


def spread_uptake() -> dict[int, tuple[int, ...]]:
    """`uptake_by_source()` for the whole site, computed once per content version (publishing,
    unpublishing and privacy changes bump it) and shared by /statistik/, the evidence-levels page
    and open data. A case page reads only its own uptake, in its per-version cache entry; search
    documents read theirs fresh, inside the publish that changes them."""
    return cached("evidence_uptake", (min_municipalities(),), uptake_by_source)


@dataclass(frozen=True)
class Criterion:
    level: str
    label: str
    criteria: str
    what_counts: str
    lang: str = ""  # "sv" when the English site shows the Swedish text (none was written)


def criteria_by_level() -> dict[str, Criterion]:
    """The published criteria of every level in the active language (English falls back to the
    Swedish text), in ladder order; a level without a row shows its default text."""
    EvidenceLevelCriterion = apps.get_model("cases", "EvidenceLevelCriterion")

    english = (translation.get_language() or "").startswith("en")
    rows = {row.level: row for row in EvidenceLevelCriterion.objects.all()}
    result = {}
    for level in LADDER:
        row = rows.get(level)
        lang = ""
        if row is None:
            criteria, what_counts = str(EVIDENCE_CRITERIA[EvidenceLevel(level)]), ""
        elif english:
            criteria, what_counts = row.criteria_en.strip(), row.what_counts_en.strip()
            if not criteria:  # both texts from one language, marked as Swedish
                criteria, what_counts, lang = row.criteria, row.what_counts, "sv"
        else:
            criteria, what_counts = row.criteria, row.what_counts
        label = str(EvidenceLevel(level).label)
        result[level] = Criterion(level, label, criteria, what_counts, lang)
    return result


def published_criteria() -> dict[str, Criterion]:
    """`criteria_by_level()` kept per content version and language (editing a criterion bumps
    the version)."""
    return cached("evidence_criteria", (), criteria_by_level)


@dataclass(frozen=True)
class Explanation:
    """The answer to "why this level?" for one case: the level it shows, its criteria and the
    reasons."""

    level: str
    label: str
    criterion: Criterion
    reasons: tuple[str, ...]
    uptake: tuple  # the cases (in other municipalities, with results) behind the derived level


def why_this_level(
    *,
    chosen: str,
    uptake: Iterable,
    criteria: dict[str, Criterion],
    evaluation_kind: str,
    evaluation_kind_label: str,
    has_evaluation_description: bool,
) -> Explanation:
    """The explanation of a case's level from its data. `uptake` holds the public cases that lift
    it to the derived level (each with `municipality`), empty when it does not reach it."""
    uptake = tuple(uptake)
    level = effective_level(chosen, bool(uptake))
    chosen = chosen if chosen in RUNG else EvidenceLevel.NOT_EVALUATED.value
    chosen_label = str(EvidenceLevel(chosen).label)
    municipalities = len({case.municipality_id for case in uptake})
    reasons = []
    if level == DERIVED:
        reasons.append(
            ngettext(
                "Cases in %(count)d other municipality name this initiative as their "
                "inspiration and report results of their own.",
                "Cases in %(count)d other municipalities name this initiative as their "
                "inspiration and report results of their own.",
                municipalities,
            )
            % {"count": municipalities}
        )
        reasons.append(
            _("The municipality itself chose “%(level)s”; the higher of the two levels is shown.")
            % {"level": chosen_label}
        )
    else:
        reasons.append(
            _(
                "The municipality chose this level, and a moderator checked it against the "
                "criteria before the case was published."
            )
        )
        if uptake:
            reasons.append(
                _(
                    "Other municipalities have also taken the initiative up with results, but an "
                    "evaluation stands higher on the ladder than spread, so its level is shown."
                )
            )
    if evaluation_kind and evaluation_kind != "none":
        reasons.append(
            _("Kind of evaluation: %(kind)s.") % {"kind": evaluation_kind_label}
            + " "
            + (
                _("The evaluation is described on this page.")
                if has_evaluation_description
                else _("The evaluation is not described on this page yet.")
            )
        )
    elif rung(chosen) >= rung(EvidenceLevel.EVALUATED_GOOD.value):
        reasons.append(_("No kind of evaluation is given for this case yet."))
    return Explanation(
        level=level,
        label=str(EvidenceLevel(level).label),
        criterion=criteria[level],
        reasons=tuple(reasons),
        uptake=uptake,
    )
