from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search.analytics import prune_older_than


class Command(BaseCommand):
    help = (
        "Delete search statistics older than the retention period (SEARCH_STATS_RETENTION_WEEKS, "
        "two years by default): typed queries can hold personal data and are kept no longer than "
        "they are useful."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--weeks",
            type=int,
            default=None,
            help="keep this many weeks instead of the setting",
        )

    def handle(self, *args, weeks, **options):
        weeks = settings.SEARCH_STATS_RETENTION_WEEKS if weeks is None else weeks
        if weeks < 1:
            raise CommandError("--weeks must be at least 1.")
        deleted = prune_older_than(weeks)
        self.stdout.write(f"Deleted {deleted} weekly search statistics older than {weeks} weeks.")
