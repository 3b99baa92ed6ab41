"""`manage.py restore_site [STAMP]`: a backup_site backup back into an empty database and media
folder, then everything derived from them rebuilt: migrations newer than the backup, the search
indexes (database and cluster) and Wagtail's reference index."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from cms import backups


class Command(BaseCommand):
    help = "Restore the database and media files from a backup_site backup (newest by default)."

    def add_arguments(self, parser):
        parser.add_argument("stamp", nargs="?", help="e.g. 20261205-231500; newest if left out")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", default=True
        )

    def handle(self, *args, stamp=None, interactive=True, **options):
        root = settings.BACKUP_ROOT
        backup = backups.find(root, stamp)
        if backup is None:
            raise CommandError(f"Ingen fullständig säkerhetskopia {stamp or ''} i {root}.")
        if interactive:
            answer = input(
                f"Ersätta webbplatsens databas och {settings.MEDIA_ROOT} med säkerhetskopian "
                f"{backup.stamp}? [ja/nej] "
            )
            if answer.strip().lower() not in {"ja", "yes"}:
                raise CommandError("Återställningen avbröts.")
        quiet = {"verbosity": 0, "stdout": self.stdout, "stderr": self.stderr}
        call_command(
            "dbrestore",
            input_path=str(root / backup.database),
            uncompress=True,
            interactive=False,
            **quiet,
        )
        call_command(
            "mediarestore",
            input_path=str(root / backup.media),
            uncompress=True,
            replace=True,
            interactive=False,
            **quiet,
        )
        call_command("migrate", interactive=False, **quiet)
        call_command("rebuild_references_index", **quiet)
        call_command("search_rebuild", **quiet)
        self.stdout.write(f"Restored backup {backup.stamp}; search indexes rebuilt.")
