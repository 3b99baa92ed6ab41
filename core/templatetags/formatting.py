from django import template

from core.numbers import format_measure, sek

register = template.Library()

register.filter("sek", sek)


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
