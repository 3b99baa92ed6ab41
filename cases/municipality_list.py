"""The official list of municipalities (SCB), shipped in cases/data/kommuner.csv."""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from .models import Municipality

MUNICIPALITY_CSV = Path(__file__).resolve().parent / "data" / "kommuner.csv"
EXPECTED_COLUMNS = ("municipality_code", "municipality_name", "county_code", "county_name")


@dataclass(frozen=True)
class MunicipalityRecord:
    code: str
    name: str
    county_code: str
    county_name: str
    slug: str = ""


class MunicipalityListError(ValueError):
    pass


def parse_municipalities(lines: Iterable[str]) -> list[MunicipalityRecord]:
    """Read and check the SCB list; raise MunicipalityListError naming the first bad line."""
    reader = csv.DictReader(lines)
    if tuple(reader.fieldnames or ()) != EXPECTED_COLUMNS:
        raise MunicipalityListError(f"Expected columns {EXPECTED_COLUMNS}, got {reader.fieldnames}")
    records = []
    seen_codes: set[str] = set()
    for line_number, row in enumerate(reader, start=2):
        record = MunicipalityRecord(
            code=row["municipality_code"].strip(),
            name=row["municipality_name"].strip(),
            county_code=row["county_code"].strip(),
            county_name=row["county_name"].strip(),
        )
        if not re.fullmatch(r"\d{4}", record.code) or not re.fullmatch(
            r"\d{2}", record.county_code
        ):
            raise MunicipalityListError(f"Line {line_number}: malformed code in {row}")
        if not record.code.startswith(record.county_code):
            raise MunicipalityListError(f"Line {line_number}: code not in its county: {row}")
        if not record.name or not record.county_name:
            raise MunicipalityListError(f"Line {line_number}: missing name in {row}")
        if record.code in seen_codes:
            raise MunicipalityListError(f"Line {line_number}: duplicate code {record.code}")
        seen_codes.add(record.code)
        records.append(record)
    return _with_unique_slugs(records)


def _with_unique_slugs(records: list[MunicipalityRecord]) -> list[MunicipalityRecord]:
    """Slugs fold å/ä/ö, so Håbo and Habo would clash: clashing names get their code appended,
    both of them, so neither address depends on the order of the list."""
    base_slugs = [slugify(record.name) for record in records]
    counts = Counter(base_slugs)
    return [
        replace(record, slug=slug if counts[slug] == 1 else f"{slug}-{record.code}")
        for record, slug in zip(records, base_slugs, strict=True)
    ]


def read_official_list(path: Path = MUNICIPALITY_CSV) -> list[MunicipalityRecord]:
    with path.open(encoding="utf-8", newline="") as handle:
        return parse_municipalities(handle)


@transaction.atomic
def load_municipalities(records: list[MunicipalityRecord]) -> tuple[int, int]:
    """Create or update municipalities by code. Returns (created, updated)."""
    existing = {m.code: m for m in Municipality.objects.all()}
    created = updated = 0
    for record in records:
        fields = {
            "name": record.name,
            "slug": record.slug,
            "county_code": record.county_code,
            "county_name": record.county_name,
        }
        current = existing.get(record.code)
        if current is None:
            Municipality.objects.create(code=record.code, **fields)
            created += 1
        elif any(getattr(current, key) != value for key, value in fields.items()):
            for key, value in fields.items():
                setattr(current, key, value)
            current.save()
            updated += 1
    return created, updated
