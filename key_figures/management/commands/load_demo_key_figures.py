from django.core.management.base import BaseCommand

from key_figures.demo import load_demo_figures


class Command(BaseCommand):
    help = (
        "Give the demo municipalities invented key figures, marked as demo figures ("
        "“Exempelsiffror” on the site). Never overwrites real figures; safe to run again."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Demo key figures: {load_demo_figures()} written.")
