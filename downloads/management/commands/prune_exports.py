from django.core.management.base import BaseCommand

from downloads.pruning import prune


class Command(BaseCommand):
    help = (
        "Remove background exports past their day (file and record), mark exports whose worker "
        "stopped as failed, and remove export files no job owns. Run it every five minutes."
    )

    def handle(self, *args, **options):
        pruned = prune()
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"Removed {pruned.expired} expired exports and {pruned.orphans} stray files; "
                f"{pruned.stopped} stopped exports marked failed."
            )
