"""import_key_figures on files in Kolada's documented data format (no network)."""

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from core.content_version import content_version
from key_figures.models import KeyFigure

DATA = Path(__file__).parent / "data"
pytestmark = pytest.mark.django_db


def _import(*names, **options) -> str:
    out = StringIO()
    call_command("import_key_figures", *[DATA / name for name in names], stdout=out, **options)
    return out.getvalue()


def _figure(code, indicator, year=2023):
    return KeyFigure.objects.get(municipality__code=code, indicator=indicator, year=year)


def test_a_good_file_is_imported_with_source_and_replaces_the_demo_figures():
    assert _figure("1782", "population").is_demo  # the demo loaded them
    before = content_version()

    output = _import("kolada_good.json")

    population = _figure("1782", "population")
    assert population.value == Decimal("10512.00")
    assert not population.is_demo
    assert population.source == "Kolada N01951"
    assert "N01951" in population.source_url
    assert _figure("1782", "born_abroad").value == Decimal("22.40")  # the total, not K or M
    assert _figure("1782", "population", 2022).value == Decimal("10601.00")
    demo = KeyFigure.objects.filter(municipality__code="1782", indicator="population", is_demo=True)
    assert not demo.exists()
    # the demo group of Filipstad stays: no real group was imported
    assert _figure("1782", "municipality_group").is_demo
    assert "0000" in output  # the country's code is skipped and named
    assert content_version() != before


def test_importing_again_updates_instead_of_duplicating():
    _import("kolada_good.json")
    count = KeyFigure.objects.count()
    _import("kolada_good.json")
    assert KeyFigure.objects.count() == count


def test_a_missing_value_is_skipped_and_reported():
    output = _import("kolada_missing.json")
    assert "1 poster saknade värde och hoppades över." in output
    assert _figure("1864", "population").value == Decimal("4705.00")
    # the demo unemployment figure stays where Kolada had none
    assert _figure("1864", "unemployment").is_demo


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("kolada_broken.json", "kolada_broken.json, rad 3: inte giltig JSON (kolumn 1)."),
        ("kolada_wrong_shape.json", "kolada_wrong_shape.json: inte ett svar från Kolada"),
        ("kolada_bad_record.json", "kolada_bad_record.json, post 2: ”tjugotjugotre” är inte"),
    ],
)
def test_a_broken_file_names_file_and_place_and_writes_nothing(name, expected):
    before = list(KeyFigure.objects.values_list("id", "value", "is_demo").order_by("id"))
    with pytest.raises(CommandError) as error:
        _import("kolada_good.json", name)
    assert expected in str(error.value)
    assert "Inget importerades" in str(error.value)
    assert list(KeyFigure.objects.values_list("id", "value", "is_demo").order_by("id")) == before


def test_groups_come_from_a_csv_and_unknown_codes_are_reported():
    output = _import(groups=DATA / "groups.csv", group_year=2023)
    group = _figure("1782", "municipality_group")
    assert group.category == "C8"
    assert not group.is_demo
    assert group.source == "SKR kommungruppsindelning"
    assert "9999" in output


def test_a_group_that_is_not_skrs_is_refused_with_its_line():
    with pytest.raises(CommandError) as error:
        _import(groups=DATA / "groups_bad.csv", group_year=2023)
    assert "groups_bad.csv, rad 3" in str(error.value)
    assert _figure("1782", "municipality_group").is_demo


def test_no_files_is_a_clear_message():
    with pytest.raises(CommandError, match="Ange minst en"):
        _import()


def test_fetching_without_network_says_so_and_imports_nothing(monkeypatch):
    import urllib.request

    def refuse(*args, **kwargs):
        raise OSError("nätverket är avstängt")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    count = KeyFigure.objects.count()
    with pytest.raises(CommandError, match="Kolada gick inte att nå"):
        call_command("fetch_key_figures", "2023", stdout=StringIO())
    assert KeyFigure.objects.count() == count


def test_demo_figures_are_loaded_once_and_never_over_real_ones():
    _import("kolada_good.json")
    call_command("load_demo_key_figures", stdout=StringIO())
    assert not _figure("1782", "population").is_demo
    assert KeyFigure.objects.filter(municipality__code="1782", indicator="population").count() == 2
