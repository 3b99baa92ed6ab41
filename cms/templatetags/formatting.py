from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from cms.indicator_chart import format_measure

register = template.Library()


@register.filter
def sek(amount):
    """1200000 -> '1 200 000 kr' in Swedish, '1,200,000 SEK' in English; '' for no amount."""
    if amount in (None, ""):
        return ""
    return _("%(amount)s SEK") % {"amount": number_format(amount, 0, force_grouping=True)}


@register.filter
def year_span(items) -> str:
    """Objects with a year -> '2019–2023' (or '2021' for one year); '' for none."""
    years = [item.year for item in items if item.year is not None]
    if not years:
        return ""
    first, last = min(years), max(years)
    return str(first) if first == last else f"{first}–{last}"


@register.filter
def measure(value) -> str:
    """A measured value without trailing zeros, localised: Decimal('14.50') -> '14,5' in Swedish,
    Decimal('100.00') -> '100'; '' for no value."""
    if value in (None, ""):
        return ""
    return format_measure(value)
