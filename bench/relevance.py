"""Relevance benchmark: the judgment set in bench/relevance/ against the search, per engine.

    .venv/bin/python bench/relevance.py                       # SQLite, the database engine
    .venv/bin/python bench/relevance.py --engine opensearch --url http://127.0.0.1:9200
    .venv/bin/python bench/relevance.py --engine all --url http://127.0.0.1:9200
    .venv/bin/python bench/relevance.py --database-url postgres://postgres@127.0.0.1:54329/x
    add --json results.json to keep every figure, --queries-only to skip the per-query table

A fresh database is made for the run: a temporary SQLite file, or – with --database-url – a new
PostgreSQL database created on that server and dropped afterwards (only the server, user and
password of the URL are used). The set is loaded through the project's own import
(bench/relevance/loader.py: add_municipality, the import's validation and draft creation, then
each draft gets its description as a revision that is published), a cluster index is built
with `search_rebuild`, and every query goes through the same functions as the /sok/ page.
Printed per engine: nDCG@10, recall@20, MRR, the number of queries with zero hits and of queries
whose grade-3 cases are all in the top ten; then one line per query.
Figures belong in docs/search-quality.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path
from statistics import mean
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--engine",
        choices=["database", "opensearch", "all"],
        default="database",
        help="database: the SQL engine of the database in use; all: database, then opensearch",
    )
    parser.add_argument("--url", default="http://127.0.0.1:9200", help="OpenSearch address")
    parser.add_argument(
        "--database-url", help="a PostgreSQL server to create a throwaway database on"
    )
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--queries-only", action="store_true", help="no per-query table")
    return parser.parse_args()


def fresh_database(database_url: str | None) -> tuple[str, callable]:
    """A DATABASE_URL for a new, empty database and a function that removes it."""
    if not database_url:
        path = Path(tempfile.mkdtemp(prefix="kb-relevance-")) / "relevance.sqlite3"
        return f"sqlite:///{path}", lambda: None
    import psycopg

    parts = urlsplit(database_url)
    name = f"kb_relevance_{uuid.uuid4().hex[:10]}"
    # CREATE and DROP DATABASE run from the server's maintenance database.
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        from django.db import connections

        connections.close_all()
        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')

    return urlunsplit(parts._replace(path=f"/{name}")), drop


def setup_django(database_url: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ["DATABASE_URL"] = database_url
    os.environ["LOG_LEVEL"] = "WARNING"
    # Background tasks run at once, as in the test settings, so nothing the search may depend on
    # waits in a queue.
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("setup_site", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


def use_engine(kind: str, url: str) -> str:
    """Point the search service at an engine; returns the label used in the output."""
    from django.conf import settings
    from django.db import connection

    if kind == "database":
        settings.SEARCH_ENGINE_URL = ""
        return connection.vendor  # sqlite or postgresql
    from django.core.management import call_command

    settings.SEARCH_ENGINE = kind
    settings.SEARCH_ENGINE_URL = url
    settings.SEARCH_INDEX_PREFIX = f"relevance-{uuid.uuid4().hex[:8]}"
    call_command("search_rebuild", engine="cluster", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    return kind


def drop_cluster_index() -> None:
    from search.service import cluster_engine

    engine = cluster_engine()
    if engine is not None:
        engine.clear()


def measure(relevance_set, keys_by_page: dict[int, str]) -> dict:
    from bench.relevance.metrics import (
        first_relevant_rank,
        must_find_missing,
        ndcg_at,
        recall_at,
        reciprocal_rank,
    )
    from bench.relevance.searching import ranked_keys, search_as_page

    rows = []
    for query in relevance_set.queries:
        judgments = relevance_set.qrels.get(query.id, {})
        result = search_as_page(query.text)
        ranked = ranked_keys(result, keys_by_page)
        rows.append(
            {
                "id": query.id,
                "query": query.text,
                "kind": query.kind,
                "ndcg@10": ndcg_at(ranked, judgments, 10),
                "recall@20": recall_at(ranked, judgments, 20),
                "rr": reciprocal_rank(ranked, judgments),
                "hits": result.total,
                "first_relevant": first_relevant_rank(ranked, judgments),
                "must_find_missing": must_find_missing(ranked, judgments, 10),
                "degraded": bool(result.degraded),
                "top": ranked[:10],
            }
        )
    return {
        "ndcg@10": mean(row["ndcg@10"] for row in rows),
        "recall@20": mean(row["recall@20"] for row in rows),
        "mrr": mean(row["rr"] for row in rows),
        "zero_hit_queries": sum(1 for row in rows if row["hits"] == 0),
        "must_find_passed": sum(1 for row in rows if not row["must_find_missing"]),
        "degraded_queries": sum(1 for row in rows if row["degraded"]),
        "queries": rows,
    }


def print_summary(label: str, figures: dict, count: int, per_query: bool) -> None:
    print(
        f"\n{label}: nDCG@10 {figures['ndcg@10']:.3f}  recall@20 {figures['recall@20']:.3f}  "
        f"MRR {figures['mrr']:.3f}  zero-hit queries {figures['zero_hit_queries']}/{count}  "
        f"must-find passed {figures['must_find_passed']}/{count}"
    )
    if figures["degraded_queries"]:
        print(f"  WARNING: {figures['degraded_queries']} queries were answered by the fallback")
    kinds: dict[str, list[float]] = {}
    for row in figures["queries"]:
        kinds.setdefault(row["kind"], []).append(row["ndcg@10"])
    print("  nDCG@10 by kind: " + ", ".join(f"{k} {mean(v):.2f}" for k, v in sorted(kinds.items())))
    if not per_query:
        return
    print(f"  {'id':<4} {'kind':<15} {'nDCG@10':>7} {'hits':>5} {'1st rel':>7}  query")
    for row in figures["queries"]:
        first = row["first_relevant"] or "–"
        print(
            f"  {row['id']:<4} {row['kind']:<15} {row['ndcg@10']:7.3f} {row['hits']:5d} "
            f"{first!s:>7}  {row['query']}"
        )


def main() -> None:
    args = parse_args()
    database_url, drop_database = fresh_database(args.database_url)
    results = {}
    try:
        setup_django(database_url)
        from django.db import transaction

        from bench.relevance.loader import load_cases, read_set

        relevance_set = read_set()
        started = time.monotonic()
        with transaction.atomic():
            keys = load_cases()
        print(f"Loaded {len(keys)} cases through the import in {time.monotonic() - started:.0f} s")
        keys_by_page = {page_id: key for key, page_id in keys.items()}
        engines = ["database", "opensearch"] if args.engine == "all" else [args.engine]
        for kind in engines:
            label = use_engine(kind, args.url)
            try:
                figures = measure(relevance_set, keys_by_page)
            finally:
                if kind != "database":
                    drop_cluster_index()
            results[label] = figures
            print_summary(label, figures, len(relevance_set.queries), not args.queries_only)
    finally:
        drop_database()
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"\nWrote {args.json}")


if __name__ == "__main__":
    main()
