"""When the cases listed on a focus-area or keyword page last changed, for the sitemap.

The cases app, above this one, hands its answer in at startup (cases/apps.py), so themes never
imports cases; without one, the pages carry the theme index's own date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

# route name ("theme_detail", "keyword_detail") -> slug -> newest publication of a public case
NewestListed = dict[str, dict[str, datetime]]


def _no_cases() -> NewestListed:
    return {"theme_detail": {}, "keyword_detail": {}}


_newest: Callable[[], NewestListed] = _no_cases


def use(newest: Callable[[], NewestListed]) -> None:
    global _newest
    _newest = newest


def newest_listed() -> NewestListed:
    return _newest()
