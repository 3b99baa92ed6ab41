"""The relevance set, read from its files and loaded through the project's own import.

Used by bench/relevance.py and by tests/search/test_relevance_must_find.py, so the benchmark and
the must-find tests see exactly the same cases. Loading goes the way an agency would:

1. every municipality named in cases.csv is made a participant with `manage.py add_municipality`
   (a no-op for those the demo already loads);
2. cases.csv – a file in the import template's columns – is read, checked and imported as drafts
   by the importer (`import_cases --commit` does the same);
3. each draft gets its description (texts.json, which the import format has no column for: the
   template says the rest is written in the editor after the import) as a new revision, and that
   revision is published, which updates the search index like any publish.

A case's stable key (texts.json "key", used in qrels.tsv) maps to the import's own identity of a
case: municipality code and title.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SET_DIRECTORY = Path(__file__).resolve().parent
CASES_FILE = "cases.csv"
TEXTS_FILE = "texts.json"
QUERIES_FILE = "queries.tsv"
QRELS_FILE = "qrels.tsv"


@dataclass(frozen=True)
class Query:
    id: str
    text: str
    kind: str


@dataclass(frozen=True)
class RelevanceSet:
    queries: list[Query]
    qrels: dict[str, dict[str, int]]  # query id -> case key -> grade (1–3; unjudged = 0)
    texts: list[dict]  # key, kommunkod, titel, sections

    def must_find(self, query_id: str) -> set[str]:
        return {key for key, grade in self.qrels.get(query_id, {}).items() if grade == 3}


def read_set(directory: Path = SET_DIRECTORY) -> RelevanceSet:
    texts = json.loads((directory / TEXTS_FILE).read_text(encoding="utf-8"))
    queries = [
        Query(row["id"], row["query"], row["kind"]) for row in _tsv(directory / QUERIES_FILE)
    ]
    qrels: dict[str, dict[str, int]] = {}
    for row in _tsv(directory / QRELS_FILE):
        qrels.setdefault(row["query_id"], {})[row["case_key"]] = int(row["grade"])
    return RelevanceSet(queries=queries, qrels=qrels, texts=texts)


def _tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


class LoadError(Exception):
    pass


def municipality_codes(content: bytes) -> list[str]:
    text = content.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    return sorted({row["kommunkod"] for row in reader})


def load_cases(directory: Path = SET_DIRECTORY, user=None) -> dict[str, int]:
    """Import and publish the set; returns case key -> page id. Safe to run twice: cases that
    exist are skipped by the importer and only published again if they are not live."""
    from django.core.management import call_command

    from cases.exchange.import_rows import ImportContext, validate_rows
    from cases.exchange.importer import apply
    from cases.exchange.reading import read_table

    content = (directory / CASES_FILE).read_bytes()
    call_command("add_municipality", *municipality_codes(content), stdout=io.StringIO())
    table = read_table(content, CASES_FILE)
    report = validate_rows(table, ImportContext.load())
    problems = list(report.file_errors) + [
        f"row {row.number}: " + "; ".join(f"{e.column}: {e.message}" for e in row.errors)
        for row in report.invalid
    ]
    if problems:
        raise LoadError("The relevance set does not import cleanly:\n" + "\n".join(problems))
    summary = apply(report, user)
    if summary.failed:
        raise LoadError(f"Rows refused when saving: {summary.failed}")
    texts = json.loads((directory / TEXTS_FILE).read_text(encoding="utf-8"))
    return publish_with_texts(texts, user)


def publish_with_texts(texts: Iterable[dict], user=None) -> dict[str, int]:
    from cases.case_builder import body_stream
    from cases.exchange.import_rows import case_key
    from cases.models import CaseStudyPage

    wanted = {case_key(item["kommunkod"], item["titel"]): item for item in texts}
    pages = {}
    for page in CaseStudyPage.objects.filter(
        municipality__code__in={code for code, _title in wanted}
    ).select_related("municipality"):
        key = case_key(page.municipality.code, page.draft_title or page.title)
        if key in wanted:
            pages[key] = page
    missing = sorted(wanted[key]["key"] for key in set(wanted) - set(pages))
    if missing:
        raise LoadError(f"Cases not found after the import: {', '.join(missing)}")
    ids = {}
    for key, item in wanted.items():
        page = pages[key]
        if not page.live or page.has_unpublished_changes:
            page = page.get_latest_revision_as_object()
            page.body = body_stream(item["sections"], None)
            revision = page.save_revision(user=user, log_action=True)
            revision.publish(user=user)
        ids[item["key"]] = page.pk
    return ids
