"""The programme's curated focus areas and target groups, shipped in themes/data/taxonomy.json.

Loading only creates what is missing: once agency staff have edited a name or description in the
admin, reloading never overwrites their text.
"""

import json
from pathlib import Path

from django.db import transaction

from .models import TargetGroup, Theme

TAXONOMY_JSON = Path(__file__).resolve().parent / "data" / "taxonomy.json"


def read_taxonomy(path: Path = TAXONOMY_JSON) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@transaction.atomic
def load_taxonomy(taxonomy: dict) -> int:
    """Create missing focus areas and target groups; returns how many were created."""
    created = 0
    for model, key in ((Theme, "focus_areas"), (TargetGroup, "target_groups")):
        for position, item in enumerate(taxonomy[key], start=1):
            defaults = {"name": item["name"], "sort_order": position * 10}
            if "description" in item:
                defaults["description"] = item["description"]
            if "name_en" in item:
                defaults["name_en"] = item["name_en"]
            instance, was_created = model.objects.get_or_create(
                slug=item["slug"], defaults=defaults
            )
            created += was_created
            # An English name is filled in where there is none; an editor's is kept.
            if not was_created and not instance.name_en and item.get("name_en"):
                instance.name_en = item["name_en"]
                instance.save(update_fields=["name_en"])
    return created
