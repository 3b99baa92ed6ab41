from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from key_figures.importer import ImportProblem, import_files


class Command(BaseCommand):
    help = (
        "Import key figures from Kolada data responses (JSON files as api.kolada.se/v2/data/kpi/… "
        "returns them; one file per page) and SKR's municipality groups from a CSV with the "
        "columns kommunkod and kommungrupp. All or nothing: a broken file writes nothing. "
        "Importing again updates the figures; real figures replace demo figures."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", type=Path, help="Kolada JSON files")
        parser.add_argument("--groups", type=Path, help="CSV of SKR's municipality groups")
        parser.add_argument("--group-year", type=int, help="the year of the group division")

    def handle(self, *args, files, groups, group_year, **options):
        if not files and groups is None:
            raise CommandError(_("Give at least one Kolada JSON file or --groups."))
        try:
            report = import_files(files, groups, group_year)
        except ImportProblem as problem:
            message = _("Nothing was imported. %(problem)s") % {"problem": problem}
            raise CommandError(message) from None
        self.stdout.write(
            _("%(written)d key figures imported, %(replaced)d demo figures replaced.")
            % {"written": report.written, "replaced": report.demo_replaced}
        )
        if report.missing:
            self.stdout.write(
                _("%(count)d records had no value and were skipped.") % {"count": report.missing}
            )
        if report.unknown_codes:
            self.stdout.write(
                _("Skipped codes that are not municipalities on the site: %(codes)s")
                % {"codes": ", ".join(report.unknown_codes[:20])}
            )
        if report.unknown_kpis:
            self.stdout.write(
                _("Skipped indicators the site does not use: %(kpis)s")
                % {"kpis": ", ".join(report.unknown_kpis[:20])}
            )
