from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from cases.exchange.case_rows import PageUrls
from cases.exchange.open_data import write_package


class Command(BaseCommand):
    help = (
        "Write the open-data package – every published case, municipality, focus area, target "
        "group and grant as JSON Lines, datapackage.json (the data dictionary, with the licence) "
        "and README.txt – into DIR. The same files are served at /oppna-data/."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--base-url",
            default=settings.WAGTAILADMIN_BASE_URL,
            help="Address of the site, for the page and document links (default: "
            "WAGTAILADMIN_BASE_URL).",
        )

    def handle(self, *args, directory: Path, base_url: str, **options):
        if directory.exists() and not directory.is_dir():
            raise CommandError(f"{directory} exists and is not a directory.")
        # The data dictionary's descriptions in the site's language, whatever the shell's is.
        with translation.override(settings.LANGUAGE_CODE):
            try:
                counts = write_package(directory, PageUrls(base_url), timezone.now())
            except OSError as error:
                raise CommandError(f"Could not write to {directory}: {error}") from error
        for path, count in counts.items():
            self.stdout.write(f"{path}: {count} records")
        self.stdout.write(self.style.SUCCESS(f"Open-data package written to {directory}."))
