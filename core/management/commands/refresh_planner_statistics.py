from django.core.management.base import BaseCommand

from core.planner_statistics import refresh_planner_statistics


class Command(BaseCommand):
    help = (
        "Refresh the database's query-planner statistics (ANALYZE); a small SQLite site keeps "
        "none (core/planner_statistics.py). Run daily, and after loading many cases."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, database, **options):
        analysed = refresh_planner_statistics(database)
        if options["verbosity"] > 0:
            self.stdout.write(
                "Planner statistics refreshed."
                if analysed
                else "A small site: the planner uses its default estimates."
            )
