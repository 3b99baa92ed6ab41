"""`manage.py build_archive FOLDER [--zip FILE] [--date YYYY-MM-DD] [--force]`: the public site
as static files that work from disk (cms/archive/, docs/operations.md "Arkiv / archive")."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.archive.build import ArchiveError, build_archive


def archive_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(
            _("The date must be written YYYY-MM-DD, for example 2027-12-31.")
        ) from error


class Command(BaseCommand):
    help = (
        "Write every public page, the open-data package and an offline search into FOLDER "
        "(and a zip file) that works from disk without a server."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument("--zip", type=Path, dest="zip_path", help="also write this zip file")
        parser.add_argument("--date", help="the date in the banner (YYYY-MM-DD); default today")
        parser.add_argument(
            "--force", action="store_true", help="replace a folder that is not empty (and the zip)"
        )

    def handle(self, *args, folder, zip_path, date, force, **options):
        archived_on = archive_date(date) if date else timezone.localdate()
        try:
            result = build_archive(folder, archived_on=archived_on, zip_path=zip_path, force=force)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] > 1:
            for path, why in sorted(result.missing.items()):
                self.stdout.write(
                    _("Not in the archive: %(path)s (%(why)s)") % {"path": path, "why": why}
                )
        self.stdout.write(
            _("Archive written to %(folder)s: %(pages)s pages, %(files)s files, %(size)s MB.")
            % {
                "folder": result.folder,
                "pages": result.pages,
                "files": result.files,
                "size": f"{result.size / 1_000_000:.1f}",
            }
        )
