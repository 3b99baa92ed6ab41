from django.core.management.base import BaseCommand

from cases.municipality_list import load_municipalities, read_official_list


class Command(BaseCommand):
    help = "Load or update Sweden's 290 municipalities from the shipped SCB list (idempotent)."

    def handle(self, *args, **options):
        created, updated = load_municipalities(read_official_list())
        self.stdout.write(f"Municipalities: {created} created, {updated} updated.")
