"""Search benchmark: latency of a fixed query mix, rebuild throughput and peak memory, per engine.

    .venv/bin/python bench/search_bench.py --engine database --cases 10000
    .venv/bin/python bench/search_bench.py --engine opensearch --cases 100000 [--url http://127.0.0.1:9200]

The database engine runs on a throwaway SQLite file (or DATABASE_URL if set); OpenSearch on the
given URL, or on a single node that the script starts from tools/search-cluster and stops again.
Documents come from the synthetic case generator (cases/synthetic.py), written straight into the
engine's index: the benchmark measures search, not page creation. Queries go through the search
service layer (search.service), as the site's pages do. Each query's wall time and the
process's CPU time are both printed: on a shared machine the CPU time is the figure that
compares (the database engine runs in this process; a cluster's work is not in it). With
`--database FILE` an SQLite file is kept and, when it already holds the cases, not rebuilt;
`--profile KIND` prints the most expensive functions of one query kind (cProfile). Results belong
in docs/performance.md.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGETS = {  # engine -> (cases, p95 ms of the faceted text query, rebuild cases/s)
    "opensearch": (100_000, 50, 1_000),
    "database": (10_000, 100, None),
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["database", "opensearch"], default="database")
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200, help="repetitions of each query kind")
    parser.add_argument("--url", help="an OpenSearch URL; default: start a node for the run")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--heap", default="1g", help="heap of the node the script starts")
    parser.add_argument("--database", help="an SQLite file to keep (and reuse) between runs")
    parser.add_argument(
        "--index-prefix", default="bench", help="index name prefix on a shared cluster"
    )
    parser.add_argument("--profile", metavar="KIND", help="profile one query kind, e.g. text")
    return parser.parse_args()


def setup_django(engine: str, url: str | None, database: str | None, prefix: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    if database:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(database).resolve()}"
    elif "DATABASE_URL" not in os.environ:
        path = Path(tempfile.mkdtemp(prefix="kb-bench-")) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    if engine == "opensearch":
        os.environ["SEARCH_ENGINE_URL"] = url
        os.environ["SEARCH_ENGINE"] = "opensearch"
        os.environ["SEARCH_INDEX_PREFIX"] = prefix
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("setup_site", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


def synthetic_documents(count: int, seed: int):
    """Search documents for `count` synthetic cases, as case_document would build them."""
    from cases.models import Municipality
    from cases.synthetic import generate_specs
    from themes.models import TargetGroup, Theme

    municipalities = {m.code: m for m in Municipality.objects.all()}
    themes = {t.slug: t.name for t in Theme.objects.all()}
    groups = {g.slug: g.name for g in TargetGroup.objects.all()}
    for number, spec in enumerate(generate_specs(count, seed, list(municipalities)), start=1):
        m = municipalities[spec["municipality"]]
        sections = spec["sections"]
        start_year = int(spec["start_date"][:4])
        yield {
            "id": number,
            "title": spec["title"],
            "summary": spec["summary"],
            "body": " ".join(" ".join(texts) for texts in sections.values()),
            "lessons": " ".join(sections.get("lessons", []) + sections.get("challenges", [])),
            "url": f"/kommuner/{m.slug}/{spec['slug']}/",
            "themes": [themes[s] for s in spec["themes"]],
            "theme_slugs": spec["themes"],
            "keywords": spec["keywords"],
            "keyword_slugs": spec["keywords"],
            "target_groups": [groups[s] for s in spec["target_groups"]],
            "target_group_slugs": spec["target_groups"],
            "municipality": m.name,
            "municipality_code": m.code,
            "county": m.county_name,
            "county_code": m.county_code,
            "status": str(spec["status"]),
            "evidence_level": str(spec["evidence_level"]),
            "start_date": spec["start_date"],
            "end_date": spec["end_date"],
            "start_year": start_year,
            "end_year": int(spec["end_date"][:4]) if spec["end_date"] else None,
            "has_indicators": bool(spec["indicators"]),
            "is_example": True,
            "published_at": f"{spec['start_date']}T09:00:00+00:00",
            "version": "bench",
        }


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)

    def at(fraction):
        return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]

    return statistics.median(ordered), at(0.95), at(0.99)


def query_mix(count: int):
    from search.request import SearchRequest

    rng = random.Random(7)
    words = [
        "läxhjälp",
        "brobyggare",
        "feriejobb",
        "föräldrastöd",
        "mentorskap",
        "validering",
        "språkcafé",
        "fritidsgården",
        "yrkessvenska",
        "samhällsorientering",
    ]
    themes = ["grundskola", "arbetsmarknad", "folkhalsa", "integration-nyanlanda"]
    return {
        "text": [SearchRequest(text=rng.choice(words)) for _ in range(count)],
        "text + 2 filters (faceted)": [
            SearchRequest(
                text=rng.choice(words),
                themes=(rng.choice(themes),),
                statuses=(rng.choice(["ongoing", "completed"]),),
            )
            for _ in range(count)
        ],
        "browse, all facets": [
            SearchRequest(counties=(f"{rng.randint(1, 25):02d}",), page=rng.randint(1, 5))
            for _ in range(count)
        ],
    }


def timed(function, argument) -> tuple[float, float]:
    """(wall ms, CPU ms of this process)."""
    started, cpu = time.perf_counter(), time.process_time()
    function(argument)
    return (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000


def _indexed() -> int:
    from search.models import CaseSearchEntry

    return CaseSearchEntry.objects.count()


def rebuild(engine, args) -> None:
    started = time.perf_counter()
    documents = synthetic_documents(args.cases, args.seed)
    if hasattr(engine, "rebuild"):
        indexed = engine.rebuild(documents, chunk_size=1000)
    else:
        engine.clear()
        indexed = engine.index(documents)
    seconds = time.perf_counter() - started
    print(f"rebuild: {indexed} cases in {seconds:.1f} s = {indexed / seconds:.0f} cases/s")


def start_node(heap: str) -> tuple[str, str]:
    output = subprocess.run(
        [str(ROOT / "tools/search-cluster/start.sh"), "--port", "9250", "--heap", heap],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    values = dict(line.split("=", 1) for line in output.split() if "=" in line)
    return values["SEARCH_URL"], values["SEARCH_DIR"]


def jvm_rss_mb(directory: str) -> float | None:
    try:
        pid = (Path(directory) / "node-1.pid").read_text().strip()
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def main() -> None:
    args = parse_args()
    node_dir = None
    url = args.url
    if args.engine == "opensearch" and not url:
        url, node_dir = start_node(args.heap)
    try:
        setup_django(args.engine, url, args.database, args.index_prefix)
        run(args, node_dir)
    finally:
        if node_dir:
            subprocess.run(
                [str(ROOT / "tools/search-cluster/stop.sh"), "--dir", node_dir], check=False
            )


def run(args, node_dir) -> None:
    from search.service import autocomplete, primary_engine, related_cases, search_cases

    engine = primary_engine()
    print(f"engine: {engine.name}, cases: {args.cases}, queries per kind: {args.queries}")
    if args.database and engine.name == "database" and _indexed() == args.cases:
        print(f"kept: {args.cases} cases already indexed in {args.database}")
    else:
        rebuild(engine, args)

    rng = random.Random(3)
    mixes = query_mix(args.queries)
    mixes_callables = {name: (search_cases, requests) for name, requests in mixes.items()}
    prefixes = ["lä", "bro", "fer", "grund", "fili", "hof", "spr", "men"]
    mixes_callables["autocomplete"] = (
        autocomplete,
        [rng.choice(prefixes) for _ in range(args.queries)],
    )
    ids = [rng.randint(1, args.cases) for _ in range(args.queries)]
    mixes_callables["related cases"] = (related_cases, ids)

    if args.profile:
        function, arguments = mixes_callables[args.profile]
        function(arguments[0])
        profiler = cProfile.Profile()
        profiler.enable()
        for argument in arguments:
            function(argument)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
        return

    print(
        f"{'query':<28} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'q/s':>8}"
        f" {'CPU p50':>8} {'CPU p95':>8} {'CPU p99':>8}"
    )
    for name, (function, arguments) in mixes_callables.items():
        function(arguments[0])  # warm up caches and connections
        samples = [timed(function, argument) for argument in arguments]
        p50, p95, p99 = percentiles([wall for wall, _cpu in samples])
        cpu50, cpu95, cpu99 = percentiles([cpu for _wall, cpu in samples])
        qps = 1000 * len(samples) / sum(wall for wall, _cpu in samples)
        print(
            f"{name:<28} {p50:8.1f} {p95:8.1f} {p99:8.1f} {qps:8.0f}"
            f" {cpu50:8.1f} {cpu95:8.1f} {cpu99:8.1f}"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: Python process {peak:.0f} MB", end="")
    jvm = jvm_rss_mb(node_dir) if node_dir else None
    print(f", OpenSearch node {jvm:.0f} MB" if jvm else "")


if __name__ == "__main__":
    main()
