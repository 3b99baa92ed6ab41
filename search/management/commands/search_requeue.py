from django.core.management.base import BaseCommand

from search.tasks import requeue


class Command(BaseCommand):
    help = (
        "Put tasks whose worker died (RUNNING longer than TASK_LEASE_SECONDS without a heartbeat) "
        "back in the queue, and queue a drain for cluster updates waiting in the outbox. "
        "search_reconcile does this too; this command does only this, cheaply."
    )

    def handle(self, *args, **options):
        taken, waiting = requeue()
        self.stdout.write(f"Took back {taken} tasks; {waiting} cases wait for the cluster.")
