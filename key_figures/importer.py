"""Reading key figures from Kolada's JSON and SKR's group list, and writing them in one go.

Kolada's data responses (api.kolada.se/v2/data/kpi/<ids>/year/<years>, documented at
github.com/Hypergene/kolada) look like

    {"count": 2, "values": [{"kpi": "N01951", "municipality": "1782", "period": 2023,
     "values": [{"gender": "T", "status": "", "value": 10312.0, "count": 1}]}],
     "next_page": "https://api.kolada.se/v2/..."}

A response holds at most 5,000 records; a longer answer continues at `next_page`, saved as a file
of its own, so the importer takes several files. Only the total (gender "T") is read. The groups
come as a CSV of `kommunkod` and `kommungrupp` (A1–C9), with a `--year`.

Reading checks everything before anything is written: a broken file raises ImportProblem naming
the file and the record or line, and the database is untouched. Codes of regions, the country
or municipalities the site does not list are skipped and reported, not errors: Kolada answers for
them too.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from cases.models import Municipality
from core.content_version import bump_content_version

from .indicators import BY_KEY, BY_KPI, GROUP, GROUPS
from .models import KeyFigure

TOTAL = "T"
MAX_VALUE = Decimal("999999999999")


class ImportProblem(Exception):
    """A file that cannot be read; the message is for the person running the import."""


@dataclass(frozen=True)
class Figure:
    code: str
    indicator: str
    year: int
    value: Decimal | None = None
    category: str = ""


@dataclass
class Reading:
    figures: list[Figure] = field(default_factory=list)
    unknown_codes: set[str] = field(default_factory=set)
    unknown_kpis: set[str] = field(default_factory=set)
    missing: int = 0  # records without a total value


@dataclass(frozen=True)
class Report:
    written: int
    demo_replaced: int
    unknown_codes: tuple[str, ...]
    unknown_kpis: tuple[str, ...]
    missing: int


def _problem(name: str, where: str, what: str) -> ImportProblem:
    return ImportProblem(
        _("%(file)s, %(where)s: %(what)s") % {"file": name, "where": where, "what": what}
    )


def _year(raw, name: str, where: str) -> int:
    text = str(raw).strip()
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise _problem(name, where, _("“%(value)s” is not a year.") % {"value": text[:20]})
    return int(text)


def _total(values, name: str, where: str) -> Decimal | None:
    if not isinstance(values, list):
        raise _problem(name, where, _("“values” must be a list."))
    for entry in values:
        if not isinstance(entry, dict):
            raise _problem(name, where, _("each value must be an object."))
        if entry.get("gender") != TOTAL:
            continue
        raw = entry.get("value")
        if raw is None or raw == "":
            return None
        if isinstance(raw, bool):
            raise _problem(name, where, _("the value is not a number."))
        try:
            number = Decimal(str(raw))
        except InvalidOperation:
            raise _problem(name, where, _("the value is not a number.")) from None
        if not number.is_finite() or abs(number) > MAX_VALUE:
            raise _problem(name, where, _("the value is not a number."))
        return number.quantize(Decimal("0.01"))
    return None


def read_kolada(text: str, name: str, known_codes: set[str], reading: Reading) -> None:
    """Adds one Kolada response's figures to `reading`; raises ImportProblem on a broken file."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise _problem(
            name,
            _("line %(line)d") % {"line": error.lineno},
            _("not valid JSON (column %(column)d).") % {"column": error.colno},
        ) from None
    if not isinstance(document, dict) or not isinstance(document.get("values"), list):
        raise ImportProblem(
            _("%(file)s: not a Kolada data response (an object with a list “values” expected).")
            % {"file": name}
        )
    for number, record in enumerate(document["values"], start=1):
        where = _("record %(number)d") % {"number": number}
        if not isinstance(record, dict):
            raise _problem(name, where, _("a record must be an object."))
        for key in ("kpi", "municipality", "period", "values"):
            if key not in record:
                raise _problem(name, where, _("“%(key)s” is missing.") % {"key": key})
        kpi, code = str(record["kpi"]).strip(), str(record["municipality"]).strip()
        year = _year(record["period"], name, where)
        value = _total(record["values"], name, where)
        if kpi not in BY_KPI:
            reading.unknown_kpis.add(kpi[:20])
            continue
        if code not in known_codes:
            reading.unknown_codes.add(code[:20])
            continue
        if value is None:
            reading.missing += 1
            continue
        reading.figures.append(Figure(code, BY_KPI[kpi].key, year, value=value))


def read_groups(text: str, name: str, year: int, known_codes: set[str], reading: Reading) -> None:
    """SKR's groups from a CSV with the columns kommunkod and kommungrupp (comma or semicolon)."""
    dialect = csv.Sniffer().sniff(text[:2000], delimiters=",;") if text.strip() else csv.excel
    rows = csv.DictReader(io.StringIO(text), dialect=dialect)
    columns = {(column or "").strip().lower() for column in rows.fieldnames or ()}
    if not {"kommunkod", "kommungrupp"} <= columns:
        raise ImportProblem(
            _("%(file)s: the columns “kommunkod” and “kommungrupp” are needed.") % {"file": name}
        )
    for row in rows:
        where = _("line %(line)d") % {"line": rows.line_num}
        row = {(key or "").strip().lower(): (value or "").strip() for key, value in row.items()}
        code, group = row["kommunkod"].zfill(4), row["kommungrupp"].upper()
        if group not in GROUPS:
            raise _problem(
                name,
                where,
                _("“%(value)s” is not one of SKR's groups A1–C9.") % {"value": group[:20]},
            )
        if code not in known_codes:
            reading.unknown_codes.add(code[:20])
            continue
        reading.figures.append(Figure(code, GROUP, year, category=group))


def read_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ImportProblem(
            _("%(file)s cannot be read: %(reason)s") % {"file": path.name, "reason": error}
        ) from None


def known_municipality_codes() -> dict[str, int]:
    return dict(Municipality.objects.values_list("code", "id"))


@transaction.atomic
def write(reading: Reading, codes: dict[str, int], *, demo: bool = False) -> Report:
    """Writes every figure read (a re-import updates the same municipality, indicator and year)
    and removes demo figures for what real figures now cover; one new content version."""
    rows = {}
    for figure in reading.figures:
        indicator = BY_KEY[figure.indicator]
        rows[(figure.code, figure.indicator, figure.year)] = KeyFigure(
            municipality_id=codes[figure.code],
            indicator=figure.indicator,
            year=figure.year,
            value=figure.value,
            category=figure.category,
            source=indicator.source,
            source_url=indicator.source_url,
            is_demo=demo,
        )
    replaced = 0
    if not demo:
        covered = {(codes[code], indicator) for code, indicator, _year in rows}
        stale = KeyFigure.objects.filter(is_demo=True).values_list(
            "id", "municipality_id", "indicator"
        )
        doomed = [pk for pk, municipality, key in stale if (municipality, key) in covered]
        replaced, _deleted = KeyFigure.objects.filter(id__in=doomed).delete()
    KeyFigure.objects.bulk_create(
        rows.values(),
        batch_size=500,
        update_conflicts=True,
        unique_fields=["municipality", "indicator", "year"],
        update_fields=["value", "category", "source", "source_url", "is_demo", "imported_at"],
    )
    if rows or replaced:
        bump_content_version()
    return Report(
        written=len(rows),
        demo_replaced=replaced,
        unknown_codes=tuple(sorted(reading.unknown_codes)),
        unknown_kpis=tuple(sorted(reading.unknown_kpis)),
        missing=reading.missing,
    )


def import_files(
    kolada: list[Path], groups: Path | None = None, group_year: int | None = None
) -> Report:
    """Reads every file, then writes all of it or – on any broken file – nothing."""
    codes = known_municipality_codes()
    reading = Reading()
    for path in kolada:
        read_kolada(read_file(path), path.name, set(codes), reading)
    if groups is not None:
        if group_year is None:
            raise ImportProblem(_("Give the year of the municipality groups with --group-year."))
        read_groups(read_file(groups), groups.name, group_year, set(codes), reading)
    return write(reading, codes)
