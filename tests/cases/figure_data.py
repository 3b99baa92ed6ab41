"""A small fixed set of cases and grants for the follow-up figures, with hand-counted answers.

Everything lies where the demo content has nothing: in Norrbotten (25) and Västerbotten (24), and
in 2011–2013 (the demo starts in 2018). Figures filtered to those counties or years therefore
count this data only, and the numbers below were counted by hand from the list, not with the
query layer.

    case  municipality  county  focus areas            status        start       grant    results
    A     Kiruna        25      grundskola, folkhalsa  ongoing       2011-03-01  100 000  measured
    B     Kiruna        25      grundskola             completed     2012-05-01  250 000  no outcome
    C     Pajala        25      folkhalsa              planned       2013-09-01  –        none
    D     Umeå          24      arbetsmarknad          discontinued  2011-01-15   40 000  measured
    H     Pajala        25      platsutveckling        planned       –           –        none
    E     Kiruna        25      grundskola             draft         2012-02-01  999 999  –
    F     Pajala        25      folkhalsa              in review     2013-04-01   70 000  –

    (E has never been published; F has never been published and waits for a moderator.)

    grants  Kiruna 2011: 1 000 000; Kiruna 2012: 500 000 and 50 000 ("extra");
            Pajala 2012: 300 000; Umeå 2013: 200 000
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from cases.models import CaseStudyPage, GrantAllocation, Municipality
from cases.participation import add_participant
from tests.factories import make_case

YEARS = (2011, 2013)
NORRBOTTEN, VASTERBOTTEN = "25", "24"

MEASURED = [{"name": "Andel behöriga", "unit": "%", "baseline": 60, "outcome": 72, "year": 2023}]
NOT_MEASURED = [{"name": "Deltagare", "unit": "personer", "target": 40}]


@dataclass
class FigureData:
    cases: dict[str, CaseStudyPage]
    municipalities: dict[str, Municipality]


@contextmanager
def figure_data_for_module(django_db_blocker) -> Iterator[FigureData]:
    """The data once for a whole test module, rolled back after it.

    Building it takes seconds, and the figure tests only read it; each test still runs in its
    own savepoint inside this transaction, so a test that changes something changes it alone.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        requester = get_user_model().objects.create_user("figurer", "figurer@kommun.example")
        yield build_figure_data(requested_by=requester)
        transaction.set_rollback(True)


def build_figure_data(requested_by) -> FigureData:
    municipalities = {
        name: Municipality.objects.get(code=code)
        for name, code in (("Kiruna", "2584"), ("Pajala", "2521"), ("Umeå", "2480"))
    }
    pages = {name: add_participant(m).page for name, m in municipalities.items()}

    def case(key, where, **spec):
        spec.setdefault("end_date", None)
        spec.setdefault("indicators", [])
        return make_case(pages[where], title=f"Figurfall {key}", **spec)

    cases = {
        "A": case(
            "A",
            "Kiruna",
            themes=["grundskola", "folkhalsa"],
            status="ongoing",
            start_date="2011-03-01",
            grant_amount=100_000,
            indicators=MEASURED,
        ),
        "B": case(
            "B",
            "Kiruna",
            themes=["grundskola"],
            status="completed",
            start_date="2012-05-01",
            end_date="2013-06-30",
            grant_amount=250_000,
            indicators=NOT_MEASURED,
        ),
        "C": case(
            "C",
            "Pajala",
            themes=["folkhalsa"],
            status="planned",
            start_date="2013-09-01",
            grant_amount=None,
        ),
        "D": case(
            "D",
            "Umeå",
            themes=["arbetsmarknad"],
            status="discontinued",
            start_date="2011-01-15",
            end_date="2012-01-15",
            grant_amount=40_000,
            indicators=MEASURED,
        ),
        "H": case(
            "H",
            "Pajala",
            themes=["platsutveckling"],
            status="planned",
            start_date=None,
            grant_amount=None,
        ),
        "E": case(
            "E",
            "Kiruna",
            publish=False,
            themes=["grundskola"],
            status="ongoing",
            start_date="2012-02-01",
            grant_amount=999_999,
            total_budget=1_000_000,
        ),
        "F": case(
            "F",
            "Pajala",
            publish=False,
            themes=["folkhalsa"],
            status="planned",
            start_date="2013-04-01",
            grant_amount=70_000,
        ),
    }
    in_review = cases["F"]
    in_review.get_workflow().start(in_review, requested_by)

    for name, year, amount, purpose in (
        ("Kiruna", 2011, 1_000_000, ""),
        ("Kiruna", 2012, 500_000, ""),
        ("Kiruna", 2012, 50_000, "extra"),
        ("Pajala", 2012, 300_000, ""),
        ("Umeå", 2013, 200_000, ""),
    ):
        GrantAllocation.objects.create(
            municipality=municipalities[name], year=year, amount=amount, purpose=purpose
        )
    return FigureData(cases=cases, municipalities=municipalities)
