"""Bulk path benchmark: N synthetic cases published as real pages through cases/bulk.py.

    .venv/bin/python bench/bulk_bench.py --cases 2000 [--batch 200] [--profile 25]

Runs on a throwaway SQLite file (or TEST_DATABASE_URL if set) with the test settings (immediate
tasks, the database search engine), prepared with `setup_site` and `--municipalities`
participating municipalities – the same steps as `generate_cases`. The machine is shared, so the
figure that counts is the process's CPU time (time.process_time) per case; wall time is printed
beside it. The first batch is timed apart: it pays one-time costs (the compound dictionary,
imports). `--profile N` prints the N most expensive functions of the timed batches (cProfile).
Results belong in docs/performance.md.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--municipalities", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    parser.add_argument("--profile-file", help="also write the cProfile statistics to this file")
    return parser.parse_args()


def setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    if "TEST_DATABASE_URL" not in os.environ:
        path = Path(tempfile.mkdtemp(prefix="kb-bulk-bench-")) / "bench.sqlite3"
        os.environ["TEST_DATABASE_URL"] = f"sqlite:///{path}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("setup_site", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


def main() -> None:
    args = parse_args()
    setup_django()
    from django.db import transaction

    from cases.bulk import publish_cases
    from cases.case_builder import Vocabulary, build_case
    from cases.models import Municipality
    from cases.participation import add_participant
    from cases.synthetic import generate_specs

    chosen = Municipality.objects.order_by("code")[: args.municipalities]
    pages = {m.code: add_participant(m).page for m in chosen}
    vocabulary = Vocabulary()
    specs = list(generate_specs(args.cases, args.seed, list(pages)))
    batches = [specs[start : start + args.batch] for start in range(0, len(specs), args.batch)]
    profiler = cProfile.Profile() if args.profile else None

    def run(batch):
        with transaction.atomic():
            publish_cases(
                [(pages[spec["municipality"]], build_case(spec, vocabulary)) for spec in batch]
            )

    cpu, wall = time.process_time(), time.perf_counter()
    run(batches[0])
    first_cpu, first_wall = time.process_time() - cpu, time.perf_counter() - wall
    cpu, wall = time.process_time(), time.perf_counter()
    if profiler:
        profiler.enable()
    for batch in batches[1:]:
        run(batch)
    if profiler:
        profiler.disable()
    rest_cpu, rest_wall = time.process_time() - cpu, time.perf_counter() - wall
    rest = len(specs) - len(batches[0])
    print(f"first batch: {len(batches[0])} cases, {first_cpu:.1f} s CPU, {first_wall:.1f} s wall")
    if rest:
        print(
            f"then: {rest} cases in {rest_cpu:.1f} s CPU ({rest / rest_cpu:.0f} cases/s, "
            f"{1000 * rest_cpu / rest:.2f} ms CPU a case), {rest_wall:.1f} s wall "
            f"({rest / rest_wall:.0f} cases/s)"
        )
    if profiler:
        if args.profile_file:
            profiler.dump_stats(args.profile_file)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
