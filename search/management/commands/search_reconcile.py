from django.core.management.base import BaseCommand, CommandError

from cms.content_version import bump_content_version
from search.engines.base import SearchUnavailable
from search.indexing import apply_to
from search.reconcile import compare, live_versions

from ._engines import ENGINE_CHOICES, selected_engines

SHOWN = 10


class Command(BaseCommand):
    help = (
        "Compare the live cases with each search index and repair what is missing, stale or "
        "orphaned. With --check, only report, and exit with status 1 if anything drifted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--engine", choices=ENGINE_CHOICES, default="all")
        parser.add_argument("--check", action="store_true", help="report only; do not repair")

    def handle(self, *args, engine, check, **options):
        drifted = False
        live = live_versions()
        for label, search_engine in selected_engines(engine):
            try:
                drift = compare(live, search_engine.indexed_versions())
                for kind in ("missing", "stale", "orphaned"):
                    ids = getattr(drift, kind)
                    shown = ", ".join(map(str, ids[:SHOWN])) + (" …" if len(ids) > SHOWN else "")
                    self.stdout.write(f"{label}: {len(ids)} {kind}{': ' + shown if ids else ''}")
                if drift.total and not check:
                    apply_to(search_engine, drift.to_update)
                    bump_content_version()  # cached listings were computed from the drifted index
                    self.stdout.write(f"{label}: repaired {drift.total} cases.")
                elif not drift.total:
                    self.stdout.write(f"{label}: no drift.")
                drifted = drifted or bool(drift.total)
            except SearchUnavailable as error:
                raise CommandError(f"{label}: the search cluster did not answer: {error}") from None
        if check and drifted:
            raise CommandError("The search index has drifted; run search_reconcile to repair.")
