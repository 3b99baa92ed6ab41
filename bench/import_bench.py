"""Import benchmark: a generated file of N cases through reading, validation and page creation.

    .venv/bin/python bench/import_bench.py --rows 10000 [--format xlsx|csv] [--tasks immediate]

Runs on a throwaway SQLite file (or DATABASE_URL if set) prepared with `setup_site` and
`--municipalities` participating municipalities. The file is written from synthetic cases
(cases/synthetic.py) in the import template's columns, exactly as an officer's file would look,
then imported the way `manage.py import_cases --commit` does it, and imported a second time to
time the re-import (every row a duplicate). Wagtail's admin-search and reference-index updates are
queued in the database as in production and then run by `db_worker --batch`, timed on its own;
`--tasks immediate` runs them inside the import instead, as the test settings do. Results belong
in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    parser.add_argument("--municipalities", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tasks", choices=["immediate", "database"], default="database")
    parser.add_argument(
        "--skip-worker", action="store_true", help="with --tasks database: do not run the queue"
    )
    return parser.parse_args()


def setup_django(tasks: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    if "DATABASE_URL" not in os.environ:
        path = Path(tempfile.mkdtemp(prefix="kb-import-bench-")) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ["TASKS_BACKEND"] = (
        "django_tasks_db.DatabaseBackend"
        if tasks == "database"
        else "django_tasks.backends.immediate.ImmediateBackend"
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("setup_site", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


def participants(count: int) -> list[str]:
    from cases.models import Municipality
    from cases.participation import add_participant

    chosen = Municipality.objects.order_by("code")[:count]
    return [add_participant(municipality).page.municipality.code for municipality in chosen]


def generated_file(rows: int, seed: int, codes: list[str], file_format: str) -> bytes:
    from cases.exchange.columns import IMPORT_COLUMNS
    from cases.exchange.writers import stream
    from cases.synthetic import generate_specs

    def row(number: int, spec: dict) -> dict:
        return {
            "kommunkod": spec["municipality"],
            # Synthetic titles repeat (a few thousand combinations); the number keeps them apart.
            "titel": f"{spec['title']} ({number})",
            "sammanfattning": spec["summary"],
            "fokusomraden": spec["themes"],
            "nyckelord": spec["keywords"],
            "malgrupper": spec["target_groups"],
            "status": spec["status"],
            "startdatum": _date(spec["start_date"]),
            "slutdatum": _date(spec["end_date"]),
            "bidrag_kr": spec["grant_amount"],
            "total_budget_kr": spec["total_budget"],
            "evidensniva": spec["evidence_level"],
            "utvarderingstyp": spec["evaluation_kind"],
            "kontakt_epost": "samordnare@kommun.example",
        }

    specs = generate_specs(rows, seed, codes)
    rows_iter = (row(number, spec) for number, spec in enumerate(specs, start=1))
    format_key = "xlsx" if file_format == "xlsx" else "csv-semikolon"
    return b"".join(stream(format_key, IMPORT_COLUMNS, rows_iter))


def _date(text):
    from datetime import date

    return date.fromisoformat(text) if text else None


def timed(label: str, function, *args, **kwargs):
    """Wall-clock seconds, and CPU seconds of this process (SQLite runs in it), which other
    processes on a shared machine do not inflate."""
    started, cpu_started = time.monotonic(), time.process_time()
    result = function(*args, **kwargs)
    seconds, cpu = time.monotonic() - started, time.process_time() - cpu_started
    print(f"{label:<28} {seconds:8.1f} s wall {cpu:8.1f} s CPU")
    return result, seconds


def main() -> None:
    args = parse_args()
    setup_django(args.tasks)
    import logging

    from django.core.management.base import OutputWrapper
    from django.db import connection
    from django.utils import translation

    from cases.exchange.import_rows import ImportContext, validate_rows
    from cases.exchange.importer import apply
    from cases.exchange.reading import read_table
    from cases.management.progress import ProgressBar
    from cases.models import CaseStudyPage

    logging.disable(logging.INFO)  # Wagtail logs every page created and edited at INFO
    translation.activate("sv")
    codes = participants(args.municipalities)
    content, _ = timed("generate file", generated_file, args.rows, args.seed, codes, args.format)
    print(f"{'file size':<28} {len(content) / 1024 / 1024:8.1f} MB ({args.format})")
    print(f"database: {connection.vendor}, tasks: {args.tasks}")

    table, read_s = timed("read", read_table, content, f"bench.{args.format}")
    report, validate_s = timed("validate", lambda: validate_rows(table, ImportContext.load()))
    assert len(report.valid) == args.rows, (len(report.valid), report.invalid[:3])
    progress = ProgressBar(OutputWrapper(sys.stderr), "import", every=max(args.rows // 10, 1))
    summary, apply_s = timed("create drafts", apply, report, progress=progress)
    assert len(summary.created) == args.rows and not summary.failed
    assert CaseStudyPage.objects.filter(live=False).count() == args.rows

    def reimport():
        table = read_table(content, f"bench.{args.format}")
        return apply(validate_rows(table, ImportContext.load()))

    second, _ = timed("re-import (read to end)", reimport)
    assert not second.created and len(second.skipped) == args.rows

    if args.tasks == "database" and not args.skip_worker:
        from django.core.management import call_command
        from django_tasks_db.models import DBTaskResult

        queued = DBTaskResult.objects.count()
        print(f"{'tasks queued for the worker':<28} {queued:8d}")
        timed(
            "worker: index the drafts",
            call_command,
            "db_worker",
            batch=True,
            startup_delay=False,
            verbosity=0,
        )

    total = read_s + validate_s + apply_s
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\n{args.rows} rows: {total:.0f} s in all = {total / 60:.1f} min, "
        f"{args.rows / apply_s:.1f} cases/s created, {apply_s / args.rows * 1000:.0f} ms a case; "
        f"peak memory {peak_mb:.0f} MB"
    )


if __name__ == "__main__":
    main()
