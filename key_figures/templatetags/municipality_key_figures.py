"""{% similar_municipalities municipality as similar %}: the municipalities like this one, for the
municipality page (a table with their key figures) and the case page (a short list). Everything
comes from one cache entry per content version (key_figures/neighbours.py)."""

from django import template

from key_figures import neighbours, presentation

register = template.Library()


@register.simple_tag
def similar_municipalities(municipality, limit: int = neighbours.SHOWN) -> dict:
    if municipality is None:
        return {"own": None, "comparable": False, "neighbours": [], "demo": False}
    similar = neighbours.similar_to(municipality.code, limit)
    shown = [similar["own"], *similar["neighbours"]] if similar["own"] else []
    return {
        **similar,
        "name": municipality.name,
        "rows": [presentation.row(entry) for entry in shown],
        "columns": presentation.columns(),
        "sources": presentation.sources(shown),
    }
