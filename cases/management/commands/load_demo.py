from django.core.management import call_command
from django.core.management.base import BaseCommand

from cases.demo.loader import DEMO_CONTACT_EMAIL, load_demo, read_demo_data


class Command(BaseCommand):
    help = (
        "Load the demo: ten participating municipalities and their fictional, clearly marked "
        "example cases. Runs setup_site first. Safe to run again: nothing is duplicated."
    )

    def handle(self, *args, **options):
        call_command("setup_site", contact_email=DEMO_CONTACT_EMAIL, stdout=self.stdout)
        report = load_demo(*read_demo_data())
        # Invented key figures, labelled as such (key_figures/; called by name, not imported).
        call_command("load_demo_key_figures", stdout=self.stdout)
        self.stdout.write(
            f"Demo: {report.municipalities_created} municipality pages, "
            f"{report.grants_created} grants, {report.cases_created} cases and "
            f"{report.images_created} images created; {len(report.skipped_cases)} cases existed."
        )
