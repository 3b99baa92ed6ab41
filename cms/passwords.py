"""Password strength: zxcvbn's estimate, told the words an attacker would try first here.

django-zxcvbn-password-validator already weighs the user's own name and email; this adds the
site's and the programme's names, the seasons and words like "lösenord", and every municipality
name (from SCB's list in cases/data/kommuner.csv), so "Kunskapsbanken2026!" or "Filipstad2026!"
count as the guessable passwords they are. The messages are the library's, in Swedish when the
page is.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_zxcvbn_password_validator import ZxcvbnPasswordValidator

MUNICIPALITIES_CSV = Path(__file__).resolve().parent.parent / "cases" / "data" / "kommuner.csv"

SITE_WORDS = (
    "kunskapsbanken",
    "kunskapsbank",
    "tillväxtverket",
    "tillvaxtverket",
    "kommun",
    "kommunen",
    "insats",
    "wagtail",
    "admin",
    "lösenord",
    "losenord",
    "sommar",
    "vinter",
    "höst",
    "vår",
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


@cache
def municipality_names() -> tuple[str, ...]:
    with MUNICIPALITIES_CSV.open(encoding="utf-8") as rows:
        return tuple(row["municipality_name"].lower() for row in csv.DictReader(rows))


def site_words() -> list[str]:
    return [*SITE_WORDS, *municipality_names()]


class SiteWordsPasswordValidator(ZxcvbnPasswordValidator):
    def _get_user_inputs(self, user):
        return [*site_words(), *super()._get_user_inputs(user)]

    def validate(self, password, user=None):
        try:
            super().validate(password, user)
        except ValidationError as refused:
            advice = _(
                "Tip: a passphrase of four or more words that do not belong together is easy to"
                " remember and hard to guess."
            )
            raise ValidationError([*refused.messages, advice]) from None
