"""The newest public case per focus area and per keyword: the sitemap dates of /teman/'s pages
(handed to themes/listing_dates.py at startup)."""

from __future__ import annotations

from django.db.models import Max

from cases.models import public_cases


def newest_listed() -> dict:
    cases = public_cases()
    return {
        "theme_detail": dict(
            cases.filter(themes__isnull=False)
            .order_by()
            .values_list("themes__slug")
            .annotate(newest=Max("last_published_at"))
        ),
        "keyword_detail": dict(
            cases.filter(tagged_keywords__isnull=False)
            .order_by()
            .values_list("tagged_keywords__tag__slug")
            .annotate(newest=Max("last_published_at"))
        ),
    }
