import json
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from key_figures.indicators import NUMERIC

API = "https://api.kolada.se/v2/data/kpi/{kpis}/year/{years}"
MAX_PAGES = 20


class Command(BaseCommand):
    help = (
        "Download the key figures from api.kolada.se for the given years and import them "
        "(import_key_figures). Needs network access; the municipality groups come from a CSV "
        "(import_key_figures --groups)."
    )

    def add_arguments(self, parser):
        parser.add_argument("years", nargs="+", type=int, help="e.g. 2023 2024")
        parser.add_argument("--timeout", type=float, default=30)
        parser.add_argument("--keep", type=Path, help="also save the responses in this folder")

    def handle(self, *args, years, timeout, keep, **options):
        url = API.format(
            kpis=",".join(indicator.kpi for indicator in NUMERIC),
            years=",".join(str(year) for year in years),
        )
        folder = keep or Path(tempfile.mkdtemp(prefix="kolada-"))
        folder.mkdir(parents=True, exist_ok=True)
        files = []
        while url and len(files) < MAX_PAGES:
            try:
                with urllib.request.urlopen(url, timeout=timeout) as response:
                    body = response.read()
            except (urllib.error.URLError, TimeoutError, OSError) as error:
                raise CommandError(
                    _(
                        "Kolada could not be reached (%(reason)s). Nothing was imported; "
                        "without network, download the JSON elsewhere and use "
                        "import_key_figures."
                    )
                    % {"reason": getattr(error, "reason", error)}
                ) from None
            path = folder / f"kolada-{len(files) + 1}.json"
            path.write_bytes(body)
            files.append(path)
            try:
                url = json.loads(body).get("next_page")
            except (ValueError, AttributeError):
                url = None  # import_key_figures names the broken file
        call_command("import_key_figures", *files, stdout=self.stdout)
