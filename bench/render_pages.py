"""Server time to render each public page type, in-process through Django's test client.

    DJANGO_SETTINGS_MODULE=cms.settings.dev .venv/bin/python bench/render_pages.py [--requests 50]
        [--cold] [--uncached]

Runs against the database in DATABASE_URL (default: the project's db.sqlite3, with the demo loaded
by `make run`). Prints p50/p95/max milliseconds per page type, and the median CPU time of this
process per request (`time.process_time`: on a machine shared with other work the figure to
compare; wall time there says little). Numbers go to docs/performance.md.
Listings are cached until content changes (core/content_version.py); --cold records a content
change before every request, so each one computes its listings as the first view after a publish.
Anonymous pages are kept by the page cache; --uncached adds a query string that changes on every
request (a URL with an unknown query string is never stored), so every request renders the page.
"""

import argparse
import itertools
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--cold", action="store_true", help="no cached listings")
    parser.add_argument(
        "--uncached",
        action="store_true",
        help="past the anonymous page cache: a new unknown query string on every request",
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from cases.models import CaseStudyPage, MunicipalityPage
    from core.content_version import bump_content_version

    settings.ALLOWED_HOSTS = ["*"]
    case = CaseStudyPage.objects.live().filter(indicators__isnull=False).first()
    pages = {
        "home": "/",
        "municipality index": "/kommuner/",
        "municipality": MunicipalityPage.objects.live().first().url,
        "case": case.url,
        "theme index": "/teman/",
        "theme": "/teman/grundskola/",
        "keyword": f"/teman/nyckelord/{case.keywords.first().slug}/",
        "search": "/sok/",
        "search with text": "/sok/?q=skola",
        "standard page": "/tillganglighetsredogorelse/",
        "sitemap index": "/sitemap.xml",
        "sitemap file": "/sitemap/sidor-1.xml",  # a full one: 10,000 pages in two languages
    }
    client = Client()
    numbers = itertools.count()
    print(f"{'page':<20} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cpu p50':>8}")
    for name, url in pages.items():
        assert client.get(url).status_code == 200, url
        timings, cpu = [], []
        for _ in range(args.requests):
            if args.cold:
                bump_content_version()
            target = url
            if args.uncached:
                target += ("&" if "?" in url else "?") + f"u={next(numbers)}"
            start, start_cpu = time.perf_counter(), time.process_time()
            client.get(target)
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"{name:<20} {statistics.median(timings):8.1f} {p95:8.1f} {timings[-1]:8.1f} "
            f"{statistics.median(cpu):8.2f}"
        )


if __name__ == "__main__":
    main()
