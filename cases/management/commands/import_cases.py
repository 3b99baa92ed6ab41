from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.exchange.import_rows import ImportContext, ImportReport, validate_rows
from cases.exchange.importer import ImportSummary, apply
from cases.exchange.reading import MAX_FILE_BYTES, read_table
from cases.management.progress import ProgressBar

# The report is for the officers who filled in the file, whatever the server's locale is.
REPORT_LANGUAGE = "sv"


class Command(BaseCommand):
    help = (
        "Import cases from a CSV or XLSX file in the import template (see README, 'Import av "
        "insatser'). Without --commit it is a dry run: every row is checked, the report is "
        "printed and nothing is written. With --commit the valid rows become draft cases under "
        "their municipality's page; rows for cases that already exist are skipped, so importing "
        "the same file again creates nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .csv or .xlsx file")
        parser.add_argument(
            "--commit", action="store_true", help="import the valid rows (default: dry run)"
        )
        parser.add_argument(
            "--as-user", metavar="USERNAME", help="owner of the drafts and author in the history"
        )

    def handle(self, *args, file, commit, as_user, verbosity, **options):
        with translation.override(REPORT_LANGUAGE):
            user = self._user(as_user)
            table = read_table(self._content(Path(file)), Path(file).name)
            report = validate_rows(table, ImportContext.load())
            self._print_report(report, verbosity)
            if report.file_errors:
                raise CommandError(_("The file cannot be imported."))
            if not commit:
                self.stdout.write(
                    ngettext(
                        "Dry run: nothing has been imported. Run again with --commit to import "
                        "the %(count)d valid row.",
                        "Dry run: nothing has been imported. Run again with --commit to import "
                        "the %(count)d valid rows.",
                        len(report.valid),
                    )
                    % {"count": len(report.valid)}
                )
                return
            progress = ProgressBar(self.stderr, _("Importing"), enabled=verbosity > 0)
            summary = apply(report, user, progress=progress)
            self._print_summary(summary)

    def _user(self, username):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("There is no user “%(username)s”.") % {"username": username})
        return user

    def _content(self, path: Path) -> bytes:
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise CommandError(
                    _("The file is larger than %(max)d MB; split it into parts.")
                    % {"max": MAX_FILE_BYTES // (1024 * 1024)}
                )
            return path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("The file %(path)s cannot be read: %(error)s")
                % {"path": path, "error": error.strerror}
            ) from None

    def _print_report(self, report: ImportReport, verbosity: int) -> None:
        for message in report.file_errors:
            self.stderr.write(self.style.ERROR(message))
        for message in report.warnings:
            self.stderr.write(self.style.WARNING(message))
        for row in report.invalid:
            self.stdout.write(_("Row %(row)d:") % {"row": row.number})
            for error in row.errors:
                column = f"{error.column}: " if error.column else ""
                self.stdout.write(f"  {column}{error.message}")
        if verbosity > 1:
            for row in report.duplicates:
                self.stdout.write(
                    _("Row %(row)d: %(reason)s") % {"row": row.number, "reason": row.duplicate}
                )
        if not report.file_errors:
            self.stdout.write(
                _(
                    "%(valid)d valid rows, %(invalid)d rows with errors, "
                    "%(duplicates)d already imported."
                )
                % {
                    "valid": len(report.valid),
                    "invalid": len(report.invalid),
                    "duplicates": len(report.duplicates),
                }
            )

    def _print_summary(self, summary: ImportSummary) -> None:
        for failure in summary.failed:
            self.stderr.write(
                self.style.ERROR(
                    _("Row %(row)d: %(reason)s") % {"row": failure.row, "reason": failure.reason}
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Created %(created)d draft cases. Skipped %(skipped)d that already exist; "
                    "%(invalid)d rows with errors were not imported; %(failed)d could not be saved."
                )
                % {
                    "created": len(summary.created),
                    "skipped": len(summary.skipped),
                    "invalid": summary.invalid,
                    "failed": len(summary.failed),
                }
            )
        )
