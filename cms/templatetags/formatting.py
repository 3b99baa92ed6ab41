from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def sek(amount):
    """1200000 -> '1 200 000 kr' in Swedish, '1,200,000 SEK' in English; '' for no amount."""
    if amount in (None, ""):
        return ""
    return _("%(amount)s SEK") % {"amount": number_format(amount, 0, force_grouping=True)}
