"""Numbers as the site shows them, in the active language (the `formatting` template filters and
the statistics charts share these)."""

from __future__ import annotations

from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _


def sek(amount) -> str:
    """1200000 -> '1 200 000 kr' in Swedish, '1,200,000 SEK' in English; '' for no amount."""
    if amount in (None, ""):
        return ""
    return _("%(amount)s SEK") % {"amount": number_format(amount, 0, force_grouping=True)}


def format_measure(value) -> str:
    """The localised number with as many decimals as it has (at most two): 14.50 -> '14,5'."""
    exponent = Decimal(value).normalize().as_tuple().exponent
    places = min(2, max(0, -exponent)) if isinstance(exponent, int) else 0
    return floatformat(value, places)
