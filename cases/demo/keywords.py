"""English names for the demo cases' keywords (cases/demo_data/keywords.json).

The keywords are created with their English names before the cases that carry them are published,
so the cases are indexed with both names. An English name an editor has given is kept.
"""

from __future__ import annotations

import json
from pathlib import Path

from themes.models import Keyword

KEYWORDS_JSON = Path(__file__).resolve().parent.parent / "demo_data" / "keywords.json"


def read_english_keyword_names(path: Path = KEYWORDS_JSON) -> dict[str, str]:
    return json.loads(path.read_text(encoding="utf-8"))


def name_keywords_in_english(names: dict[str, str]) -> int:
    """Create missing keywords and fill in empty English names; returns how many were named."""
    named = 0
    for name, name_en in names.items():
        keyword = Keyword.objects.filter(name__iexact=name).first() or Keyword(name=name)
        if keyword.name_en:
            continue
        keyword.name_en = name_en
        keyword.save()
        named += 1
    return named
