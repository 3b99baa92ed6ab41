"""Queue the digests that are due (subscriptions/schedule.py) for the task worker."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from subscriptions.schedule import due_subscription_ids, forget_unconfirmed
from subscriptions.tasks import send_digest


class Command(BaseCommand):
    help = (
        "Queues a digest task for every 'at once' subscription, and for the weekly ones on the "
        "digest weekday (SUBSCRIPTION_DIGEST_WEEKDAY), and deletes subscriptions left unconfirmed "
        "longer than the confirmation link lives. Run it from the schedule timer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--weekly", action="store_true", help="send the weekly digests whatever the day"
        )

    def handle(self, *args, weekly=False, **options):
        ids = due_subscription_ids(timezone.now(), weekly=True if weekly else None)
        for pk in ids:
            send_digest.enqueue(pk)
        forgotten = forget_unconfirmed(timezone.now())
        self.stdout.write(f"{len(ids)} digest(s) queued, {forgotten} unconfirmed deleted.")
