from django import template

from cms.indicator_chart import indicator_bars, text_alternative

register = template.Library()


@register.inclusion_tag("includes/indicator_chart.html")
def indicator_chart(indicators):
    """`{% indicator_chart indicators %}`: the server-rendered bar chart of a case's indicators."""
    groups = indicator_bars(indicators)
    return {"groups": groups, "summary": text_alternative(groups)}
