from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cases.follow_up_reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Queue the yearly follow-up reminders due today (Settings → Follow-up reminders). Run "
        "daily; a reminder already queued is never queued again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="YYYY-MM-DD: act as if it were this day (tests)")

    def handle(self, *args, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError("--today must be a date as YYYY-MM-DD.") from None
        queued = send_reminders(day)
        self.stdout.write(f"{len(queued)} reminder(s) queued")
