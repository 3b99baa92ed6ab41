"""ASCII slugs for page addresses: "Läxhjälp på Åsens skola" -> "laxhjalp-pa-asens-skola".

Unicode normalisation takes the accents off (å→a, ä→a, ö→o, é→e, ü→u); the few letters it cannot
decompose are spelled out first, so they are not dropped. The admin's slug field does the same in
the browser (WAGTAIL_ALLOW_UNICODE_SLUGS = False).
"""

from django.utils.text import slugify

_SPELLED_OUT = str.maketrans(
    {"æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "ß": "ss", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d"}
)


def ascii_slug(text: str) -> str:
    return slugify((text or "").translate(_SPELLED_OUT), allow_unicode=False)
