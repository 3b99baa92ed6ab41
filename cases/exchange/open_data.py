"""The open-data package: everything published, as JSON Lines with a data dictionary.

Five resources – cases, municipalities, focus areas, target groups and grants – each a JSON Lines
file (one JSON object per line, UTF-8), described by a Frictionless-style `datapackage.json`
(https://datapackage.org): package name, title, licence and creation time, and per resource its
file, licence and schema, i.e. every field with its type and meaning. That descriptor is the data
dictionary; the flat fields of a case are generated from EXPORT_COLUMNS, so the dictionary, the
spreadsheet exports and the import template describe a case in one place.

Nested values are described the Frictionless v2 way (`arrayItem` for the items of an array) and,
for objects, with a `fields` list of their own – an extension the standard allows.

`manage.py export_open_data DIR` writes the package to a directory; /oppna-data/ serves the same
files, streamed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from cases.choices import EvidenceLevel, ImplementationStatus, PartnerKind, Status

from .case_rows import PageUrls
from .cells import iso
from .columns import EXPORT_COLUMNS, Column, Kind
from .open_data_records import (
    SECTION_KEYS,
    case_records,
    grant_records,
    municipality_records,
    target_group_records,
    theme_records,
)

PACKAGE_NAME = "kunskapsbanken"
JSONL_MEDIA_TYPE = "application/x-ndjson"
TYPES = {
    Kind.TEXT: "string",
    Kind.INTEGER: "integer",
    Kind.DATE: "date",
    Kind.DATETIME: "datetime",
    Kind.LIST: "array",
    Kind.CHOICE: "string",
    Kind.URL: "string",
    Kind.BOOLEAN: "boolean",
}


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # a Frictionless field type: string, integer, number, boolean, date, ...
    description: str
    fields: tuple[Field, ...] = ()  # of an object, or of each object in an array
    item_type: str | None = None  # of the items of an array
    choices: type | None = None  # a TextChoices class: the allowed codes
    format: str | None = None

    @classmethod
    def from_column(cls, column: Column) -> Field:
        return cls(
            name=column.key,
            type=TYPES[column.kind],
            description=column.description,
            item_type="string" if column.kind is Kind.LIST else None,
            choices=column.choices,
            format="uri" if column.kind is Kind.URL else None,
        )

    @property
    def allowed_values(self) -> list[tuple[str, str]]:
        """(code, label) pairs, for the data dictionary page."""
        if not self.choices:
            return []
        return [(value, str(label)) for value, label in self.choices.choices]

    def descriptor(self) -> dict:
        descriptor = {"name": self.name, "type": self.type, "description": str(self.description)}
        if self.format:
            descriptor["format"] = self.format
        if self.choices:
            descriptor["constraints"] = {"enum": [value for value, _label in self.allowed_values]}
        if self.type == "array":
            item = {"type": self.item_type or "string"}
            if self.fields:
                item["fields"] = [field.descriptor() for field in self.fields]
            descriptor["arrayItem"] = item
        elif self.fields:
            descriptor["fields"] = [field.descriptor() for field in self.fields]
        return descriptor

    def flattened(self, prefix: str = "") -> Iterator[tuple[str, Field]]:
        """This field and its sub-fields with dotted names (`indikatorer[].namn`)."""
        name = prefix + self.name
        yield name, self
        below = f"{name}[]." if self.type == "array" else f"{name}."
        for field in self.fields:
            yield from field.flattened(below)


@dataclass(frozen=True)
class Resource:
    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    records: Callable[[PageUrls], Iterable[dict]]
    primary_key: tuple[str, ...] = ()
    # (field, other resource, its field)
    foreign_keys: tuple[tuple[str, str, str], ...] = ()

    @property
    def path(self) -> str:
        return f"{self.name}.jsonl"

    def descriptor(self, licenses: list[dict]) -> dict:
        schema: dict = {"fields": [field.descriptor() for field in self.fields]}
        if self.primary_key:
            schema["primaryKey"] = list(self.primary_key)
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": [field], "reference": {"resource": resource, "fields": [other]}}
                for field, resource, other in self.foreign_keys
            ]
        return {
            "name": self.name,
            "path": self.path,
            "title": str(self.title),
            "description": str(self.description),
            "format": "jsonl",
            "mediatype": JSONL_MEDIA_TYPE,
            "encoding": "utf-8",
            "licenses": licenses,
            "schema": schema,
        }

    def lines(self, urls: PageUrls) -> Iterator[bytes]:
        for record in self.records(urls):
            yield json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"


def _text(name, description) -> Field:
    return Field(name, "string", description)


def _integer(name, description) -> Field:
    return Field(name, "integer", description)


def _number(name, description) -> Field:
    return Field(name, "number", description)


SECTION_DESCRIPTIONS = {
    "background": _("Background: why the initiative was started."),
    "implementation": _("Implementation: what was done, by whom, for whom and how."),
    "results": _("Results: what changed."),
    "challenges": _("Challenges and what did not work."),
    "success_factors": _("Conditions for success and transferability."),
    "lessons": _("Lessons learned."),
    "continuation": _("How the work continues after the grant."),
}

CASE_FIELDS: tuple[Field, ...] = (
    *(Field.from_column(column) for column in EXPORT_COLUMNS),
    _text("kontakt_roll", _("Role or unit of the contact person.")),
    Field(
        "kontaktbar",
        "boolean",
        _(
            "True when the contact person can be reached through the contact form "
            "(kontaktformular)."
        ),
    ),
    Field(
        "fiktivt_exempel",
        "boolean",
        _("True for fictional demo content, which describes no municipality's real work."),
    ),
    _text("utvardering_beskrivning", _("How the initiative was evaluated, by whom, and where.")),
    Field(
        "evidensniva_visad",
        "string",
        _(
            "The evidence level the case shows (code): the chosen one (evidensniva), or "
            "tried_in_several when cases in other municipalities took it up with results and that "
            "stands higher on the ladder."
        ),
        choices=EvidenceLevel,
    ),
    Field(
        "avsnitt",
        "object",
        _(
            "The description's sections as plain text (paragraphs apart by a blank line); "
            "null where a section is not written."
        ),
        fields=tuple(
            _text(key, SECTION_DESCRIPTIONS[block]) for block, key in SECTION_KEYS.items()
        ),
    ),
    Field(
        "indikatorer",
        "array",
        _("Measured results."),
        item_type="object",
        fields=(
            _text("namn", _("What was measured.")),
            _text("enhet", _("Unit, e.g. per cent or persons.")),
            _number("utgangsvarde", _("Value before the initiative (baseline).")),
            _number("malvarde", _("Value aimed for (target).")),
            _number("utfall", _("Value reached (outcome).")),
            _integer("ar", _("Year of the measurement.")),
        ),
    ),
    Field(
        "partner",
        "array",
        _("Organisations the municipality worked with."),
        item_type="object",
        fields=(
            _text("namn", _("Name of the organisation.")),
            Field("typ", "string", _("Kind of organisation (code)."), choices=PartnerKind),
        ),
    ),
    Field(
        "uppfoljningar",
        "array",
        _("Yearly follow-ups."),
        item_type="object",
        fields=(
            _integer("ar", _("Year of the follow-up.")),
            _text("text", _("What happened that year.")),
            Field(
                "ny_status",
                "string",
                _("The status the initiative changed to that year, if it changed."),
                choices=Status,
            ),
            _text("orsak_avbrott", _("Why the initiative was discontinued or ended early.")),
            Field(
                "genomforande",
                "string",
                _("How far the initiative had come that year; empty on older follow-ups."),
                choices=ImplementationStatus,
            ),
        ),
    ),
    Field(
        "inspirerad_av",
        "array",
        _("Published cases this initiative was inspired by."),
        item_type="object",
        fields=(
            _integer("id", _("The id of the other case (in this file).")),
            _text("anpassning", _("What was taken over and what was changed.")),
        ),
    ),
    Field(
        "bilagor",
        "array",
        _("Attached documents."),
        item_type="object",
        fields=(
            _text("titel", _("Link text of the document.")),
            Field("url", "string", _("Address of the document."), format="uri"),
        ),
    ),
)

MUNICIPALITY_FIELDS: tuple[Field, ...] = (
    _text("kommunkod", _("Municipality code, four digits (SCB).")),
    _text("namn", _("Name of the municipality.")),
    _text("lan_kod", _("County code, two digits (SCB).")),
    _text("lan", _("County name.")),
    Field("deltar", "boolean", _("True if the municipality has a page on the platform.")),
    Field("url", "string", _("Address of the municipality's page, if it has one."), format="uri"),
    _integer("publicerade_insatser", _("Number of published cases.")),
)

THEME_FIELDS: tuple[Field, ...] = (
    _text("slug", _("Short name, used in addresses and in the cases' fokusomraden.")),
    _text("namn", _("Name of the focus area.")),
    _text("beskrivning", _("Description of the focus area.")),
    Field("url", "string", _("Address of the focus area's page."), format="uri"),
)

TARGET_GROUP_FIELDS: tuple[Field, ...] = (
    _text("slug", _("Short name, used in the cases' malgrupper.")),
    _text("namn", _("Name of the target group.")),
)

GRANT_FIELDS: tuple[Field, ...] = (
    _text("kommunkod", _("Municipality code, four digits (SCB).")),
    _text("kommun", _("Name of the municipality.")),
    _integer("ar", _("Year of the grant.")),
    _integer("belopp_kr", _("Amount, whole kronor (SEK).")),
    _text("syfte", _("What the grant is for.")),
)

RESOURCES: tuple[Resource, ...] = (
    Resource(
        "cases",
        _("Cases"),
        _("Every published case with all its structured fields."),
        CASE_FIELDS,
        case_records,
        primary_key=("id",),
        foreign_keys=(("kommunkod", "municipalities", "kommunkod"),),
    ),
    Resource(
        "municipalities",
        _("Municipalities"),
        _("Sweden's 290 municipalities and whether they take part."),
        MUNICIPALITY_FIELDS,
        municipality_records,
        primary_key=("kommunkod",),
    ),
    Resource(
        "themes",
        _("Focus areas"),
        _("The programme's focus areas."),
        THEME_FIELDS,
        theme_records,
        primary_key=("slug",),
    ),
    Resource(
        "target_groups",
        _("Target groups"),
        _("The target groups cases are described with."),
        TARGET_GROUP_FIELDS,
        target_group_records,
        primary_key=("slug",),
    ),
    Resource(
        "grants",
        _("Grants"),
        _("Grants the municipalities received from the programme, per year and purpose."),
        GRANT_FIELDS,
        grant_records,
        foreign_keys=(("kommunkod", "municipalities", "kommunkod"),),
    ),
)
RESOURCES_BY_PATH = {resource.path: resource for resource in RESOURCES}


def licence() -> dict:
    """The package's licence (settings.OPEN_DATA_LICENSE), as a Frictionless license object."""
    return dict(settings.OPEN_DATA_LICENSE)


def datapackage(created: datetime) -> dict:
    licenses = [licence()]
    return {
        "profile": "data-package",
        "name": PACKAGE_NAME,
        "title": str(_("Kunskapsbanken – open data")),
        "description": str(
            _(
                "Initiatives of the municipalities in the state grant for municipalities with "
                "socioeconomic challenges, as published in Kunskapsbanken, with the "
                "municipalities, focus areas, target groups and grants they refer to."
            )
        ),
        "licenses": licenses,
        "created": iso(created),
        "resources": [resource.descriptor(licenses) for resource in RESOURCES],
    }


def datapackage_json(created: datetime) -> bytes:
    return (json.dumps(datapackage(created), ensure_ascii=False, indent=2) + "\n").encode()


def readme_text(created: datetime) -> str:
    """A short description of the package in Swedish, for people who open the folder."""
    return render_to_string(
        "cases/open_data/README.txt",
        {"created": iso(created), "licence": licence(), "resources": RESOURCES},
    )


def write_package(directory: Path, urls: PageUrls, created: datetime) -> dict[str, int]:
    """Write every file into `directory`; returns the number of records per JSON Lines file.

    Files are written under temporary names and renamed at the end, so a published directory
    never holds half a package.
    """
    directory.mkdir(parents=True, exist_ok=True)
    written: dict[Path, Path] = {}
    counts: dict[str, int] = {}
    try:
        for resource in RESOURCES:
            target = directory / resource.path
            written[target] = target.with_name(target.name + ".tmp")
            with written[target].open("wb") as file:
                counts[resource.path] = 0
                for line in resource.lines(urls):
                    file.write(line)
                    counts[resource.path] += 1
        for name, content in (
            ("datapackage.json", datapackage_json(created)),
            ("README.txt", readme_text(created).encode()),
        ):
            target = directory / name
            written[target] = target.with_name(name + ".tmp")
            written[target].write_bytes(content)
    except BaseException:
        for temporary in written.values():
            temporary.unlink(missing_ok=True)
        raise
    for target, temporary in written.items():
        os.replace(temporary, target)
    return counts
