from django.core.management.base import BaseCommand

from mailings.models import Mailing
from mailings.sending import blank_old_mail, send_due


class Command(BaseCommand):
    help = (
        "Send outgoing mail that is due (retries, and anything the task worker has not taken) and "
        "blank the addresses and texts of old mail. Run every 5 minutes."
    )

    def handle(self, *args, **options):
        results = send_due()
        sent = sum(1 for mailing in results if mailing.status == Mailing.Status.SENT)
        failed = len(results) - sent
        blanked = blank_old_mail()
        self.stdout.write(f"sent {sent}, failed {failed}, blanked {blanked}")
