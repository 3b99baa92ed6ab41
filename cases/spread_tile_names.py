"""County names that wrap where a Swedish reader would split them, for the narrow tiles of the
case page's spread map (cases/spread.py).

A tile on a phone is about 70 px wide, too narrow for 'Västernorrland' at any readable size, and
Chromium has no Swedish hyphenation dictionary: left alone the name breaks after whatever letter
fills the line ('Västernorrl-and'). A soft hyphen (U+00AD) at the compound's joint lets it break
as 'Väster-/norrland' instead. It is invisible when the name fits, and screen readers, copy and
find-in-page see the whole name.
"""

from __future__ import annotations

SOFT_HYPHEN = "\u00ad"

# short county name -> where it may break. Names of up to eight letters fit the case page's
# tiles; 'Götaland' needs its joint on the search page's narrower ones.
JOINTS = {
    "Gävleborg": "Gävle|borg",
    "Jämtland": "Jämt|land",
    "Jönköping": "Jön|köping",
    "Kronoberg": "Krono|berg",
    "Norrbotten": "Norr|botten",
    "Stockholm": "Stock|holm",
    "Södermanland": "Söder|manland",
    "Värmland": "Värm|land",
    "Västerbotten": "Väster|botten",
    "Västernorrland": "Väster|norrland",
    "Västmanland": "Väst|manland",
    "Västra Götaland": "Västra Göta|land",
    "Östergötland": "Öster|götland",
}


def breakable(name: str) -> str:
    """'Västernorrland' -> 'Väster\\u00adnorrland'; other names unchanged."""
    return JOINTS.get(name, name).replace("|", SOFT_HYPHEN)
