"""Deterministic synthetic cases for scale work (benchmarks, load tests); not demo content.

`generate_specs(n, seed)` yields case dictionaries in the demo-data shape with plausible Swedish
text assembled from fragments, so that search sees a realistic vocabulary and distribution. The
same n and seed always give the same cases.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from .choices import ChosenEvidenceLevel, EvaluationKind, EvidenceLevel, PartnerKind, Status

SLUG_PREFIX = "syntetisk"

ACTIVITIES = [
    "läxhjälp",
    "brobyggare",
    "feriejobb",
    "föräldrastöd",
    "språkcafé",
    "fritidsgård",
    "mentorskap",
    "yrkessvenska",
    "validering",
    "praktikplatser",
    "lovskola",
    "kulturskola",
    "studie- och yrkesvägledning",
    "idrottsklubbar",
    "samhällsorientering",
    "hälsoskola",
    "digital kompetens",
    "trygghetsvandringar",
    "medborgardialog",
    "uppsökande verksamhet",
]
PLACES = [
    "i skolan",
    "på biblioteket",
    "i bostadsområdet",
    "på fritidsgården",
    "i centrum",
    "på vuxenutbildningen",
    "i föreningslivet",
    "på arbetsplatser",
    "i stadsdelen",
    "på sfi",
]
GROUPS = [
    "barn i lågstadiet",
    "unga mellan 13 och 19 år",
    "unga vuxna utan arbete",
    "nyanlända familjer",
    "föräldrar",
    "långtidsarbetslösa",
    "elever på sfi",
    "boende i området",
    "föreningsledare",
]
OUTCOMES = [
    "närvaron ökade",
    "fler elever nådde godkända betyg",
    "fler gick vidare till arbete",
    "deltagarna kände sig tryggare",
    "föräldrarna blev mer delaktiga",
    "fler började i en förening",
    "avhoppen minskade",
    "fler klarade sfi-kursen",
    "samverkan mellan förvaltningarna stärktes",
]
OBSTACLES = [
    "det var svårt att rekrytera personal",
    "lokalerna räckte inte till",
    "samverkan tog tid",
    "finansieringen efter projekttiden var oklar",
    "målgruppen var svår att nå",
    "uppföljningen kom i gång sent",
]
THEMES = [
    "forebyggande-barn-unga",
    "grundskola",
    "vuxenutbildning",
    "integration-nyanlanda",
    "arbetsmarknad",
    "kompetensforsorjning",
    "platsutveckling",
    "demokrati-delaktighet",
    "folkhalsa",
    "digitalisering",
    "overgripande-utvecklingsplan",
]
TARGET_GROUPS = [
    "barn",
    "unga",
    "unga-vuxna",
    "foraldrar",
    "nyanlanda",
    "arbetssokande",
    "vuxenstuderande",
    "medarbetare",
    "foreningar",
    "boende",
]
PARTNERS = [
    ("Arbetsförmedlingen", PartnerKind.AGENCY),
    ("Regionen", PartnerKind.REGION),
    ("Lokala idrottsföreningar", PartnerKind.CIVIL_SOCIETY),
    ("Folkhögskolan", PartnerKind.EDUCATION),
    ("Bostadsbolaget", PartnerKind.BUSINESS),
    ("Grannkommunen", PartnerKind.MUNICIPALITY),
]
FIRST_DAY = date(2018, 1, 1)
DAYS = (date(2026, 9, 1) - FIRST_DAY).days


def generate_specs(count: int, seed: int, municipality_codes: list[str]) -> Iterator[dict]:
    rng = random.Random(seed)
    for number in range(1, count + 1):
        yield _spec(rng, number, seed, municipality_codes)


def _spec(rng: random.Random, number: int, seed: int, codes: list[str]) -> dict:
    activity, place, group = rng.choice(ACTIVITIES), rng.choice(PLACES), rng.choice(GROUPS)
    outcome, obstacle = rng.choice(OUTCOMES), rng.choice(OBSTACLES)
    status = rng.choices(list(Status), weights=[1, 5, 4, 1])[0]
    start = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    end = start + timedelta(days=rng.randint(180, 1200))
    grant = rng.randrange(100_000, 6_000_000, 10_000)
    evidence = rng.choice(ChosenEvidenceLevel.values)
    return {
        "municipality": rng.choice(codes),
        "slug": f"{SLUG_PREFIX}-{seed}-{number}",
        "title": f"{activity.capitalize()} {place} för {group}",
        "summary": (
            f"En insats med {activity} {place} för {group}. "
            f"Efter första året syntes att {outcome}, men {obstacle}."
        ),
        "themes": rng.sample(THEMES, rng.randint(1, 3)),
        "keywords": rng.sample(ACTIVITIES, rng.randint(1, 4)),
        "target_groups": rng.sample(TARGET_GROUPS, rng.randint(1, 3)),
        "status": status,
        "start_date": start.isoformat(),
        "end_date": end.isoformat() if status in (Status.COMPLETED, Status.DISCONTINUED) else None,
        "grant_amount": grant,
        "total_budget": grant + rng.randrange(0, 3_000_000, 10_000),
        "partners": [
            {"name": name, "kind": kind} for name, kind in rng.sample(PARTNERS, rng.randint(0, 2))
        ],
        "evidence_level": evidence,
        "evaluation_kind": (
            EvaluationKind.NONE
            if evidence == EvidenceLevel.NOT_EVALUATED
            else rng.choice(list(EvaluationKind)[1:])
        ),
        "sections": {
            "background": [f"Behovet av {activity} {place} hade länge varit stort bland {group}."],
            "implementation": [f"Kommunen arbetade med {activity} tillsammans med {group}."],
            "results": [f"Uppföljningen visar att {outcome}."],
            "challenges": [f"Det som inte fungerade var att {obstacle}."],
            "lessons": [f"Börja tidigt med {rng.choice(ACTIVITIES)} och följ upp från start."],
        },
        "indicators": [
            {
                "name": f"Andel deltagare där {outcome}",
                "unit": "%",
                "baseline": rng.randint(20, 60),
                "target": rng.randint(60, 90),
                "outcome": None if status == Status.PLANNED else rng.randint(30, 90),
                "year": min(start.year + 1, 2026),
            }
        ],
        "follow_ups": (
            [
                {
                    "year": end.year,
                    "text": "Insatsen avslutades i förtid.",
                    "status_change": Status.DISCONTINUED,
                    "discontinued_reason": obstacle.capitalize() + ".",
                }
            ]
            if status == Status.DISCONTINUED
            else []
        ),
    }
