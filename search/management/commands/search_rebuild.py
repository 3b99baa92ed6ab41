import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cases.management.progress import ProgressBar
from core.content_version import bump_content_version
from search.documents import iter_documents, live_cases
from search.engines.base import SearchUnavailable

from ._engines import ENGINE_CHOICES, selected_engines


class Command(BaseCommand):
    help = (
        "Rebuild the search index from every live case. On a cluster the documents go into a new "
        "versioned index and the alias moves to it atomically when it is complete, so searches "
        "keep working; an interrupted rebuild leaves the old index serving and can be started "
        "again. The database engine's index is rebuilt in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("--engine", choices=ENGINE_CHOICES, default="all")
        parser.add_argument("--chunk-size", type=int, default=500)

    def handle(self, *args, engine, chunk_size, verbosity, **options):
        total = live_cases().count()
        for label, search_engine in selected_engines(engine):
            bar = ProgressBar(self.stdout, label, enabled=verbosity > 0)

            def progress(done, bar=bar):
                bar(done, total)

            started = time.monotonic()
            try:
                if hasattr(search_engine, "rebuild"):
                    count = search_engine.rebuild(
                        iter_documents(chunk_size=chunk_size),
                        chunk_size=chunk_size,
                        progress=progress,
                    )
                else:
                    with transaction.atomic():
                        search_engine.clear()
                        count = search_engine.index(iter_documents(chunk_size=chunk_size))
                        progress(count)
            except SearchUnavailable as error:
                raise CommandError(f"{label}: the search cluster did not answer: {error}") from None
            seconds = time.monotonic() - started
            self.stdout.write(f"\n{label}: indexed {count} cases in {seconds:.1f} s.")
        bump_content_version()  # listings cached from the old index must not outlive it
        # Cases published while a cluster index was being built went to the old index; catch up.
        call_command("search_reconcile", engine=engine, stdout=self.stdout)
