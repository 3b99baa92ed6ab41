from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cases.contact_messages import prune_old_messages


class Command(BaseCommand):
    help = (
        "Delete messages sent through the cases' contact pages that are older than "
        "CONTACT_MESSAGE_RETENTION_MONTHS (12 by default): they hold the senders' names and "
        "addresses and are kept only while the editors may need them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months", type=int, default=None, help="keep this many months instead of the setting"
        )

    def handle(self, *args, months, **options):
        months = settings.CONTACT_MESSAGE_RETENTION_MONTHS if months is None else months
        if months < 1:
            raise CommandError("--months must be at least 1.")
        deleted = prune_old_messages(months=months)
        self.stdout.write(f"Deleted {deleted} contact messages older than {months} months.")
