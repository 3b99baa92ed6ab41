"""Export benchmark: throughput and peak memory of each file format for many generated rows.

    .venv/bin/python bench/export_bench.py --rows 100000
    .venv/bin/python bench/export_bench.py --rows 100000 --formats xlsx
    .venv/bin/python bench/export_bench.py --database 500

Rows are built from the synthetic case generator (cases/synthetic.py) in the shape the exports
write (EXPORT_COLUMNS keys) and fed straight into `cases.exchange.writers.stream`, the code every
download goes through; the bytes are counted and dropped, as a streaming response would send
them. Each format runs in a fresh child process so its peak resident memory
is its own: resident memory is sampled every 1,000 rows going in and every 100 chunks coming
out, and "growth" is the highest sample minus the resident memory before the first row.
Reading cases from the database adds a fixed number of queries per chunk of 500 cases
(tests/cases/views/test_exports.py checks the count); `--database N` measures that path end to
end on N synthetic cases created in a throwaway SQLite database (or DATABASE_URL): the filtered-list
download without filters, the open-data cases.jsonl, and the background export (downloads/tasks.py:
the task's own `write`, rows to a file in a temporary EXPORT_ROOT, with its progress updates).
Results belong in docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FORMATS = ["csv", "csv-semikolon", "xlsx", "json", "jsonl"]
CODES = ["1782", "1864", "2104", "2161", "1060", "0761", "1984", "1765", "1275", "2121"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=FORMATS)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--database", type=int, metavar="N", help="export N real cases from a database instead"
    )
    parser.add_argument("--child", choices=FORMATS, help=argparse.SUPPRESS)
    return parser.parse_args()


def rows(count: int, seed: int):
    from cases.synthetic import generate_specs

    published = datetime(2024, 1, 1, tzinfo=UTC)
    for number, spec in enumerate(generate_specs(count, seed, CODES), start=1):
        yield {
            "id": number,
            "kommunkod": spec["municipality"],
            "kommun": "Filipstad",
            "lan": "Värmlands län",
            "titel": spec["title"],
            "sammanfattning": spec["summary"],
            "fokusomraden": spec["themes"],
            "nyckelord": spec["keywords"],
            "malgrupper": spec["target_groups"],
            "status": str(spec["status"]),
            "startdatum": date.fromisoformat(spec["start_date"]),
            "slutdatum": date.fromisoformat(spec["end_date"]) if spec["end_date"] else None,
            "bidrag_kr": spec["grant_amount"],
            "total_budget_kr": spec["total_budget"],
            "evidensniva": str(spec["evidence_level"]),
            "utvarderingstyp": str(spec["evaluation_kind"]),
            "kontaktperson": "Samordnare",
            "kontaktformular": "https://kunskapsbanken.example.org/insats/1/kontakta/",
            "kontakt_telefon": "0590-123 45",
            "url": f"https://kunskapsbanken.example/kommuner/x/{spec['slug']}/",
            "publicerad": published + timedelta(minutes=number),
            "senast_andrad": published + timedelta(minutes=2 * number),
        }


def resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def child(format_key: str, count: int, seed: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
    from cases.exchange.columns import EXPORT_COLUMNS
    from cases.exchange.writers import stream

    # CPU time of this process, so other work on the machine does not count; making the rows is
    # measured first and subtracted.
    started = time.process_time()
    for _ in rows(count, seed):
        pass
    generation = time.process_time() - started

    before = resident_mb()
    highest = before

    def sampled(items, every):
        nonlocal highest
        for number, item in enumerate(items):
            if number % every == 0:
                highest = max(highest, resident_mb())
            yield item

    started = time.process_time()
    size = 0
    # Sampled while rows go in (XLSX spools them) and while bytes come out.
    for chunk in sampled(stream(format_key, EXPORT_COLUMNS, sampled(rows(count, seed), 1000)), 100):
        size += len(chunk)
    seconds = time.process_time() - started - generation
    highest = max(highest, resident_mb())
    result = {"seconds": seconds, "bytes": size, "rss_mb": highest, "growth_mb": highest - before}
    print(json.dumps(result))


def database_run(count: int, formats: list[str], seed: int) -> None:
    if "DATABASE_URL" not in os.environ:
        path = Path(tempfile.mkdtemp(prefix="kb-export-bench-")) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    os.environ.setdefault("LOG_LEVEL", "WARNING")  # Wagtail logs every page it creates
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command
    from django.http import QueryDict

    from cases.exchange.case_list import case_list_rows
    from cases.exchange.case_rows import PageUrls
    from cases.exchange.columns import EXPORT_COLUMNS
    from cases.exchange.open_data import RESOURCES_BY_PATH
    from cases.exchange.writers import stream
    from cases.models import public_cases
    from search.forms import request_from_params
    from search.service import case_ids

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("setup_site", stdout=quiet)
        # Idempotent per seed: creates only the synthetic cases the database lacks.
        call_command("generate_cases", count, seed=seed, municipalities=10, stdout=quiet)
    cases = public_cases().count()
    urls = PageUrls("https://kunskapsbanken.example")
    counted = Counter()

    def counting(name, records):
        for record in records:
            counted[name] += 1
            yield record

    def download(name, format_key, query=""):
        criteria = request_from_params(QueryDict(query))
        rows = case_list_rows(criteria, urls, case_ids=case_ids)
        return stream(format_key, EXPORT_COLUMNS, counting(name, rows))

    runs = {f"download {key}": (key, "") for key in formats}
    # A text query goes through the search service, 50 matches per search.
    runs["download csv, q=läxhjälp"] = ("csv", "q=läxhjälp")
    print(f"{cases:,} published cases in {os.environ['DATABASE_URL']}\n")
    print("| export | file MB | CPU s | cases/s | resident MB | growth MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    cases_file = RESOURCES_BY_PATH["cases.jsonl"]
    for name in [*runs, "open data cases.jsonl"]:
        if name in runs:
            chunks = download(name, *runs[name])
        else:
            chunks = counting(name, cases_file.lines(urls))
        before = highest = resident_mb()
        started = time.process_time()
        size = 0
        for number, chunk in enumerate(chunks):
            size += len(chunk)
            if number % 100 == 0:
                highest = max(highest, resident_mb())
        seconds = time.process_time() - started
        highest = max(highest, resident_mb())
        print(
            f"| {name} | {size / 1e6:.1f} | {seconds:.1f} | {counted[name] / seconds:,.0f} | "
            f"{highest:.0f} | {highest - before:.1f} |"
        )
    print()
    background_run(formats)


def background_run(formats: list[str]) -> None:
    """The background export of the whole list per format, as the worker runs it."""
    from django.conf import settings

    from downloads.models import ExportJob
    from downloads.tasks import write

    settings.EXPORT_ROOT = Path(tempfile.mkdtemp(prefix="kb-export-bench-files-"))
    print("| background export (task) | file MB | wall s | CPU s | cases/s | resident MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for format_key in formats:
        job = ExportJob.objects.create(
            format=format_key, base_url="https://kunskapsbanken.example/", content_version="bench"
        )
        started, cpu = time.perf_counter(), time.process_time()
        write(job)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        job.refresh_from_db()
        print(
            f"| {format_key} | {job.file_size / 1e6:.1f} | {wall:.1f} | {cpu:.1f} | "
            f"{job.rows_done / cpu:,.0f} | {resident_mb():.0f} |"
        )


def main() -> None:
    args = parse_args()
    if args.child:
        child(args.child, args.rows, args.seed)
        return
    if args.database:
        database_run(args.database, args.formats, args.seed)
        return
    print(f"{args.rows:,} generated rows, CPU seconds of the writer alone\n")
    print("| format | file MB | CPU s | rows/s | resident MB | growth MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for format_key in args.formats:
        command = [sys.executable, __file__, "--child", format_key, "--rows", str(args.rows)]
        output = subprocess.run(
            [*command, "--seed", str(args.seed)], capture_output=True, text=True, check=True
        ).stdout
        result = json.loads(output.strip().splitlines()[-1])
        seconds = max(result["seconds"], 1e-9)
        print(
            f"| {format_key} | {result['bytes'] / 1e6:.1f} | {seconds:.1f} | "
            f"{args.rows / seconds:,.0f} | {result['rss_mb']:.0f} | {result['growth_mb']:.1f} |"
        )


if __name__ == "__main__":
    main()
