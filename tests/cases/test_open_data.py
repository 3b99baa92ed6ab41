"""The open-data package: `manage.py export_open_data DIR` and /oppna-data/."""

import json
from datetime import date, datetime
from http import HTTPStatus
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from wagtail.documents import get_document_model

from cases.exchange.columns import EXPORT_COLUMNS
from cases.exchange.open_data import CASE_FIELDS, RESOURCES
from cases.models import CaseAttachment, CaseStudyPage, Municipality, MunicipalityPage, public_cases
from tests.factories import make_case

pytestmark = pytest.mark.django_db

BASE_URL = "https://kunskapsbanken.example"
JSONL_FILES = [resource.path for resource in RESOURCES]
DEFAULT_LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}


def _lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def attached_case(filipstad):
    document = get_document_model().objects.create(
        title="Utvärdering 2024", file=ContentFile(b"%PDF-1.4 test", name="utvardering.pdf")
    )
    page = make_case(filipstad, title="Insats med bilaga", publish=False)
    page.attachments = [CaseAttachment(document=document, title="Utvärderingsrapport")]
    page.save_revision().publish()
    return CaseStudyPage.objects.get(pk=page.pk), document


@pytest.fixture
def package(tmp_path, attached_case, filipstad):
    make_case(filipstad, title="Utkast utanför paketet", publish=False)
    output = StringIO()
    call_command("export_open_data", str(tmp_path / "paket"), "--base-url", BASE_URL, stdout=output)
    return tmp_path / "paket", output.getvalue()


def test_the_command_writes_every_file(package):
    directory, output = package
    assert sorted(path.name for path in directory.iterdir()) == sorted(
        [*JSONL_FILES, "datapackage.json", "README.txt"]
    )
    assert f"cases.jsonl: {public_cases().count()} records" in output


def test_every_published_case_has_its_nested_parts(package, attached_case):
    directory, _ = package
    records = {record["id"]: record for record in _lines(directory / "cases.jsonl")}
    assert set(records) == set(public_cases().values_list("pk", flat=True))
    keys = [field.name for field in CASE_FIELDS]
    for page in public_cases():
        record = records[page.pk]
        assert list(record) == keys
        assert len(record["indikatorer"]) == page.indicators.count()
        assert len(record["partner"]) == page.partners.count()
        assert len(record["uppfoljningar"]) == page.follow_ups.count()
        assert record["url"] == BASE_URL + page.url
        assert record["fiktivt_exempel"] == page.is_example
    inspired = [record for record in records.values() if record["inspirerad_av"]]
    assert inspired and all(link["id"] in records for r in inspired for link in r["inspirerad_av"])

    case, document = attached_case
    record = records[case.pk]
    assert record["bilagor"] == [{"titel": "Utvärderingsrapport", "url": BASE_URL + document.url}]
    assert record["avsnitt"]["bakgrund"] == "Bakgrunden till testinsatsen."
    assert record["avsnitt"]["lardomar"] is None

    brobyggare = next(r for r in records.values() if r["titel"] == "Brobyggare i skolan")
    assert brobyggare["kontakt_roll"] == "Projektledare, Barn- och utbildningsförvaltningen"
    assert all(isinstance(text, str) for text in brobyggare["avsnitt"].values())
    indicator = brobyggare["indikatorer"][0]
    assert indicator["namn"] and isinstance(indicator["utfall"], int | float)


def test_municipalities_grants_themes_and_target_groups(package, filipstad):
    directory, _ = package
    municipalities = {m["kommunkod"]: m for m in _lines(directory / "municipalities.jsonl")}
    assert len(municipalities) == Municipality.objects.count() == 290
    participating = {m for m, record in municipalities.items() if record["deltar"]}
    assert participating == set(
        MunicipalityPage.objects.live().values_list("municipality__code", flat=True)
    )
    assert all(
        (record["url"] is not None) == record["deltar"] for record in municipalities.values()
    )
    assert municipalities["1782"]["url"] == BASE_URL + filipstad.url
    assert municipalities["1782"]["publicerade_insatser"] == (
        public_cases().filter(municipality__code="1782").count()
    )

    grants = _lines(directory / "grants.jsonl")
    assert grants and all(grant["kommunkod"] in participating for grant in grants)
    themes = _lines(directory / "themes.jsonl")
    grundskola = next(theme for theme in themes if theme["slug"] == "grundskola")
    assert grundskola["url"] == f"{BASE_URL}/teman/grundskola/"
    assert {"slug", "namn"} == set(_lines(directory / "target_groups.jsonl")[0])


TYPE_CHECKS = {
    "string": lambda value: isinstance(value, str),
    "integer": lambda value: isinstance(value, int) and not isinstance(value, bool),
    "number": lambda value: isinstance(value, int | float) and not isinstance(value, bool),
    "boolean": lambda value: isinstance(value, bool),
    "date": lambda value: date.fromisoformat(value) is not None,
    "datetime": lambda value: datetime.fromisoformat(value) is not None,
    "array": lambda value: isinstance(value, list),
    "object": lambda value: isinstance(value, dict),
}


def _check(record: dict, fields: list[dict], where: str) -> None:
    """Every key of the record is described, with a type its value has."""
    described = {field["name"]: field for field in fields}
    assert set(record) == set(described), where
    for key, value in record.items():
        field = described[key]
        if value is None:
            continue
        assert TYPE_CHECKS[field["type"]](value), f"{where}.{key}: {value!r}"
        if "constraints" in field:
            assert value in field["constraints"]["enum"], f"{where}.{key}"
        if field["type"] == "object":
            _check(value, field["fields"], f"{where}.{key}")
        if field["type"] == "array":
            item = field["arrayItem"]
            for element in value:
                assert TYPE_CHECKS[item["type"]](element), f"{where}.{key}[]"
                if item["type"] == "object":
                    _check(element, item["fields"], f"{where}.{key}[]")


def test_the_data_dictionary_describes_every_key_of_every_record(package):
    directory, _ = package
    descriptor = json.loads((directory / "datapackage.json").read_text())
    assert [resource["path"] for resource in descriptor["resources"]] == JSONL_FILES
    for resource in descriptor["resources"]:
        assert resource["format"] == "jsonl" and resource["encoding"] == "utf-8"
        for number, record in enumerate(_lines(directory / resource["path"]), start=1):
            _check(record, resource["schema"]["fields"], f"{resource['path']}:{number}")
        assert all(field["description"] for field in resource["schema"]["fields"])
    case_fields = descriptor["resources"][0]["schema"]["fields"]
    for column in EXPORT_COLUMNS:
        field = next(field for field in case_fields if field["name"] == column.key)
        assert field["description"] == str(column.description)


def test_the_licence_is_in_the_package_and_every_resource(package):
    directory, _ = package
    descriptor = json.loads((directory / "datapackage.json").read_text())
    assert descriptor["licenses"] == [DEFAULT_LICENCE]
    assert all(resource["licenses"] == [DEFAULT_LICENCE] for resource in descriptor["resources"])
    assert descriptor["name"] == "kunskapsbanken" and descriptor["created"].endswith("Z")
    readme = (directory / "README.txt").read_text(encoding="utf-8")
    assert "Licens: Creative Commons Attribution 4.0 International (CC-BY-4.0)" in readme
    assert all(path in readme for path in JSONL_FILES)


def test_the_licence_is_configurable(tmp_path, settings):
    settings.OPEN_DATA_LICENSE = {"name": "CC0-1.0", "path": "https://example.org/cc0"}
    call_command("export_open_data", str(tmp_path), stdout=StringIO())
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    assert descriptor["licenses"] == [settings.OPEN_DATA_LICENSE]
    assert descriptor["resources"][1]["licenses"] == [settings.OPEN_DATA_LICENSE]


def test_a_file_in_the_way_is_a_clear_error(tmp_path):
    blocker = tmp_path / "paket"
    blocker.write_text("")
    with pytest.raises(CommandError, match="not a directory"):
        call_command("export_open_data", str(blocker), stdout=StringIO())


def test_the_open_data_page_explains_the_package(client):
    response = client.get("/oppna-data/")
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in html
    for name in [*JSONL_FILES, "datapackage.json", "README.txt"]:
        assert f'href="/oppna-data/{name}"' in html
    for field in CASE_FIELDS:
        for name, _ in field.flattened():
            assert f"<code>{name}</code>" in html
    assert "<code>indikatorer[].utfall</code>" in html


def test_the_web_package_streams_the_same_records(client, package):
    directory, _ = package
    response = client.get("/oppna-data/cases.jsonl")
    assert response.status_code == HTTPStatus.OK and response.streaming
    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    lines = b"".join(response.streaming_content).decode().splitlines()
    served = [json.loads(line) for line in lines]
    written = _lines(directory / "cases.jsonl")
    assert [record["id"] for record in served] == [record["id"] for record in written]
    assert served[0]["url"].startswith("http://testserver/kommuner/")

    descriptor = client.get("/oppna-data/datapackage.json").json()
    assert (
        descriptor["resources"]
        == json.loads((directory / "datapackage.json").read_text())["resources"]
    )
    readme = client.get("/oppna-data/README.txt")
    assert readme["Content-Type"] == "text/plain; charset=utf-8"
    assert "öppna data" in readme.content.decode()


@pytest.mark.parametrize("name", ["nope.jsonl", "cases.json", "..%2Fsettings.py", "README"])
def test_unknown_files_are_not_found(client, name):
    assert client.get(f"/oppna-data/{name}").status_code == HTTPStatus.NOT_FOUND


def test_cases_file_queries_do_not_grow_with_the_cases(client, django_assert_max_num_queries):
    assert public_cases().count() > 40
    with django_assert_max_num_queries(15):
        response = client.get("/oppna-data/cases.jsonl")
        b"".join(response.streaming_content)
