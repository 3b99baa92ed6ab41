from django.core.management.base import BaseCommand, CommandError

from core.content_version import bump_content_version
from search.engine_sync import apply_to
from search.engines.base import SearchUnavailable
from search.reconcile import compare, content_of, live_fingerprints
from search.tasks import requeue

from ._engines import ENGINE_CHOICES, selected_engines

SHOWN = 10


class Command(BaseCommand):
    help = (
        "Compare the content of every live case with what each search index holds, and repair "
        "what is missing, stale or orphaned. Also takes back tasks whose worker died and wakes "
        "the cluster updates waiting in the outbox; run it every few minutes (cron or a systemd "
        "timer). With --check, only report, and exit with status 1 if anything drifted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--engine", choices=ENGINE_CHOICES, default="all")
        parser.add_argument("--check", action="store_true", help="report only; do not repair")

    def handle(self, *args, engine, check, **options):
        if not check:
            self._queue()
        engines = dict(selected_engines(engine))
        contents = {label: content_of(search_engine) for label, search_engine in engines.items()}
        live = live_fingerprints(contents)
        drifted = False
        for label, search_engine in engines.items():
            try:
                drift = compare(live[label], contents[label].stored())
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

    def _queue(self) -> None:
        """Tasks stuck with a dead worker run again; waiting cluster updates get a drain."""
        taken, waiting = requeue()
        if taken:
            self.stdout.write(f"tasks: took back {taken} whose worker stopped answering.")
        if waiting:
            self.stdout.write(f"outbox: {waiting} cases wait for the cluster.")
