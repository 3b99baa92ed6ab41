from django.core.management import call_command
from django.core.management.base import BaseCommand

from cases.models import MunicipalityPage


class Command(BaseCommand):
    help = (
        "What `make run` does after migrating: prepare the site, and load the demo the first "
        "time only, so cases an editor deleted later do not come back on the next start."
    )

    def handle(self, *args, **options):
        if MunicipalityPage.objects.exists():
            call_command("setup_site", stdout=self.stdout)
            self.stdout.write("Participating municipalities exist: demo already loaded, skipped.")
        else:
            call_command("load_demo", stdout=self.stdout)
