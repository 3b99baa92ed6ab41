import time

from django.core.management.base import BaseCommand, CommandError
from django.db import reset_queries, transaction

from cases.bulk import publish_cases
from cases.case_builder import Vocabulary, build_case
from cases.models import CaseStudyPage, Municipality
from cases.participation import add_participant
from cases.synthetic import SLUG_PREFIX, generate_specs
from core.planner_statistics import refresh_planner_statistics

BATCH = 200


class Command(BaseCommand):
    help = (
        "Create N synthetic, published cases for scale work (benchmarks), deterministic for a "
        "seed, spread over the given number of municipalities, as real pages through the bulk "
        "path (cases/bulk.py). Not demo content: run it on a throwaway database. Run setup_site "
        "first."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, nargs="?")
        parser.add_argument("--count", dest="count_option", type=int, help="the same as COUNT")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--municipalities", type=int, default=50)

    def handle(self, *args, count, count_option, seed, municipalities, **options):
        started = time.perf_counter()
        count = count if count is not None else count_option
        if count is None or count < 1:
            raise CommandError("count must be at least 1.")
        chosen = list(Municipality.objects.order_by("code")[: max(1, municipalities)])
        if not chosen:
            raise CommandError("No municipalities: run `manage.py setup_site` first.")
        pages = {m.code: add_participant(m).page for m in chosen}
        vocabulary = Vocabulary()
        existing = set(
            CaseStudyPage.objects.filter(slug__startswith=f"{SLUG_PREFIX}-{seed}-").values_list(
                "slug", flat=True
            )
        )
        specs = (s for s in generate_specs(count, seed, list(pages)) if s["slug"] not in existing)
        created = 0
        # The planner's figures are refreshed each time the cases double: figures from an almost
        # empty site make SQLite join every page to every page to find a batch's inspirations
        # (search indexing's uptake_by_source), minutes per batch at 20,000 cases.
        next_refresh = BATCH
        try:
            while True:
                batch = [spec for _, spec in zip(range(BATCH), specs, strict=False)]
                if not batch:
                    break
                with transaction.atomic():
                    publish_cases(
                        [
                            (
                                pages[spec["municipality"]],
                                build_case(spec, vocabulary, is_example=True),
                            )
                            for spec in batch
                        ]
                    )
                created += len(batch)
                if created >= next_refresh:
                    refresh_planner_statistics()
                    next_refresh *= 2
                reset_queries()  # with DEBUG on, Django keeps every statement's text
                if options["verbosity"] > 0:
                    self.stdout.write(f"{created}/{count - len(existing)} cases", ending="\r")
        except KeyboardInterrupt:
            # Each batch is its own transaction: what was created stays, the batch under way
            # is rolled back, and the same command skips the existing cases when run again.
            raise CommandError(
                f"Stopped after {created} new cases ({len(existing) + created} of {count} "
                f"exist). Run the same command again to create the rest."
            ) from None
        refresh_planner_statistics()  # the tables grew many-fold: plans chosen for a small site
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"\nCreated {created} synthetic cases ({SLUG_PREFIX}-{seed}-*) in {seconds:.1f} s "
            f"({created / seconds:.0f} cases/s); {len(existing)} existed."
        )
