"""Clicks and wall time of the editor's whole path (issue #22), from the browser test that walks it.

    .venv/bin/python bench/editor_path.py [--runs 1] [--json var/editor_path.json]

Runs tests/browser/test_editor_path.py (Chromium, the demo site on its own SQLite database) with
EDITOR_PATH_REPORT set, so the test writes its click counts and seconds per step; prints them as a
table (one column per run) and optionally saves all runs as JSON. Clicks are a property of the
interface and the same every run; seconds depend on the machine and its load. Numbers go to
docs/editing.md ("Click budget").
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST = "tests/browser/test_editor_path.py"


def run_once() -> dict:
    with tempfile.TemporaryDirectory() as directory:
        report = Path(directory) / "editor_path.json"
        env = {**os.environ, "EDITOR_PATH_REPORT": str(report)}
        command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", TEST]
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(result.stdout[-4000:] + result.stderr[-2000:])
        return json.loads(report.read_text(encoding="utf-8"))


def table(runs: list[dict]) -> str:
    steps = list(runs[0]["clicks"])
    header = "| Step | Clicks | " + " | ".join(f"Seconds (run {n + 1})" for n in range(len(runs)))
    lines = [header + " |", "|" + "---|" * (2 + len(runs))]
    for step in steps:
        clicks = {run["clicks"][step] for run in runs}
        shown = str(clicks.pop()) if len(clicks) == 1 else "/".join(map(str, sorted(clicks)))
        seconds = " | ".join(f"{run['seconds'][step]:.1f}" for run in runs)
        lines.append(f"| {step} | {shown} | {seconds} |")
    total_clicks = sum(runs[0]["clicks"].values())
    totals = " | ".join(f"{sum(run['seconds'].values()):.1f}" for run in runs)
    lines.append(f"| **whole path** | {total_clicks} | {totals} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--json", type=Path, help="save every run's counts and seconds here")
    args = parser.parse_args()
    runs = [run_once() for _ in range(args.runs)]
    print(table(runs))
    if args.json:
        args.json.write_text(json.dumps(runs, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
