"""`manage.py backup_site`: the database and the media files, together, into BACKUP_ROOT."""

from dbbackup.db.base import get_connector
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from cms import backups


class Command(BaseCommand):
    help = "Back up the database and the media files together (see docs/operations.md)."

    def handle(self, *args, **options):
        root = settings.BACKUP_ROOT
        root.mkdir(parents=True, exist_ok=True)
        stamp = backups.stamp(timezone.now())
        # SQLite's online backup, or pg_dump's custom format (dbbackup's connector for the engine).
        database = backups.database_file_name(stamp, get_connector().extension)
        media = backups.media_file_name(stamp)
        quiet = {"verbosity": 0, "stdout": self.stdout, "stderr": self.stderr}
        # The database first: the media archive then holds every file it refers to.
        call_command(
            "dbbackup", compress=True, output_path=str(root / database), interactive=False, **quiet
        )
        call_command(
            "mediabackup", compress=True, output_path=str(root / media), interactive=False, **quiet
        )
        for name in backups.expired([path.name for path in root.iterdir()], settings.BACKUP_KEEP):
            (root / name).unlink()
        self.stdout.write(f"Backup {stamp}: {root / database} and {root / media}")
