"""`manage.py import_cases`: a dry run by default, drafts under the right municipality with
--commit, and no duplicates when the same file is imported again."""

import contextlib
import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook
from wagtail.models import PageLogEntry

from cases.exchange.columns import IMPORT_COLUMNS
from cases.models import CaseStudyPage

pytestmark = pytest.mark.django_db

HEADING = [column.key for column in IMPORT_COLUMNS]
FILIPSTAD_ROW = {
    "kommunkod": "1782",
    "titel": "Språkcafé på biblioteket",
    "sammanfattning": "Ett språkcafé varje vecka där nyanlända övar svenska med volontärer.",
    "fokusomraden": "integration-nyanlanda; Vuxenutbildning",
    "nyckelord": "språkcafé; Läxhjälp",
    "malgrupper": "nyanlanda; Föräldrar och vårdnadshavare",
    "status": "completed",
    "startdatum": "2021-09-01",
    "slutdatum": "2023-06-30",
    "bidrag_kr": "350 000",
    "total_budget_kr": "500000 kr",
    "evidensniva": "promising",
    "utvarderingstyp": "Intern uppföljning",
    "kontaktperson": "Samordnare",
    "kontakt_epost": "sprakcafe@filipstad.example",
    "kontakt_telefon": "0590-123 45",
}
LJUSNARSBERG_ROW = {
    **FILIPSTAD_ROW,
    "kommunkod": "1864",
    "titel": "Feriejobb i Kopparberg",
    "status": "ongoing",
    "slutdatum": "",
}
BAD_ROW = {**FILIPSTAD_ROW, "kommunkod": "9999", "titel": "Okänd kommun"}


def csv_file(path, rows, *, delimiter=";", encoding="utf-8"):
    lines = [delimiter.join(HEADING)]
    for row in rows:
        cells = [row.get(key, "") for key in HEADING]
        lines.append(delimiter.join(f'"{cell}"' if delimiter in cell else cell for cell in cells))
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return str(path)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_cases", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def imported(title: str) -> CaseStudyPage:
    return CaseStudyPage.objects.get(title=title)


def test_dry_run_reports_row_errors_and_counts_and_writes_nothing(tmp_path):
    path = csv_file(tmp_path / "rapport.csv", [FILIPSTAD_ROW, BAD_ROW])
    out, _ = run(path)
    # Swedish whatever the server's locale: the report is for the officers who wrote the file.
    assert "Rad 3:\n  kommunkod: Det finns ingen kommun med koden ”9999”" in out
    assert "1 giltiga rader, 1 rader med fel, 0 redan importerade." in out
    assert "Provkörning: inget har importerats" in out
    assert not CaseStudyPage.objects.filter(title=FILIPSTAD_ROW["titel"]).exists()


def test_commit_creates_drafts_under_the_right_municipality(
    tmp_path, filipstad, ljusnarsberg, moderator
):
    path = csv_file(tmp_path / "rapport.csv", [FILIPSTAD_ROW, LJUSNARSBERG_ROW, BAD_ROW])
    out, _ = run(path, "--commit", "--as-user", moderator.username)

    case = imported(FILIPSTAD_ROW["titel"])
    assert case.get_parent().pk == filipstad.pk
    assert case.municipality.code == "1782"
    assert not case.live
    assert case.has_unpublished_changes
    assert case.latest_revision is not None
    assert case.owner == moderator
    assert case.slug == "sprakcafe-pa-biblioteket"
    assert [theme.slug for theme in case.themes.all()] == [
        "vuxenutbildning",
        "integration-nyanlanda",
    ]
    assert sorted(keyword.name for keyword in case.keywords.all()) == ["läxhjälp", "språkcafé"]
    assert sorted(group.slug for group in case.target_groups.all()) == ["foraldrar", "nyanlanda"]
    assert (case.status, case.start_date, case.end_date) == (
        "completed",
        date(2021, 9, 1),
        date(2023, 6, 30),
    )
    assert (case.grant_amount, case.total_budget) == (350_000, 500_000)
    assert (case.evidence_level, case.evaluation_kind) == ("promising", "internal_follow_up")
    assert (case.contact_name, case.contact_email, case.contact_phone) == (
        "Samordnare",
        "sprakcafe@filipstad.example",
        "0590-123 45",
    )
    # The revision holds the same content, as an editor's "Save draft" would.
    assert case.latest_revision.as_object().summary == FILIPSTAD_ROW["sammanfattning"]
    assert PageLogEntry.objects.filter(page=case, action="wagtail.create", user=moderator).exists()

    other = imported(LJUSNARSBERG_ROW["titel"])
    assert other.get_parent().pk == ljusnarsberg.pk
    assert not CaseStudyPage.objects.filter(title=BAD_ROW["titel"]).exists()
    assert "Skapade 2 insatser som utkast." in out


def test_existing_keywords_are_reused_whatever_their_case(tmp_path):
    from themes.models import Keyword

    before = Keyword.objects.count()
    row = {**FILIPSTAD_ROW, "nyckelord": "LÄXHJÄLP; ett helt nytt nyckelord"}
    run(csv_file(tmp_path / "a.csv", [row]), "--commit")
    assert Keyword.objects.filter(name__iexact="läxhjälp").count() == 1
    assert Keyword.objects.count() == before + 1
    names = sorted(keyword.name for keyword in imported(row["titel"]).keywords.all())
    assert names == ["ett helt nytt nyckelord", "läxhjälp"]


def test_reimporting_the_same_file_creates_no_duplicates(tmp_path):
    path = csv_file(tmp_path / "rapport.csv", [FILIPSTAD_ROW, LJUSNARSBERG_ROW])
    run(path, "--commit")
    count = CaseStudyPage.objects.count()

    out, _ = run(path, "--commit", "--verbosity", "2")

    assert CaseStudyPage.objects.count() == count
    assert "Skapade 0 insatser som utkast. Hoppade över 2 som redan finns" in out
    assert "Språkcafé på biblioteket" in out  # each skipped row is named with --verbosity 2


def test_a_slug_taken_by_a_sibling_gets_a_number(tmp_path, filipstad):
    from tests.factories import make_case

    make_case(filipstad, title="Något helt annat", slug="sprakcafe-pa-biblioteket")
    run(csv_file(tmp_path / "a.csv", [FILIPSTAD_ROW]), "--commit")
    assert imported(FILIPSTAD_ROW["titel"]).slug == "sprakcafe-pa-biblioteket-2"


@pytest.mark.parametrize("delimiter", [";", ","])
def test_csv_with_either_delimiter_imports(tmp_path, delimiter):
    run(csv_file(tmp_path / "a.csv", [FILIPSTAD_ROW], delimiter=delimiter), "--commit")
    assert imported(FILIPSTAD_ROW["titel"]).keywords.count() == 2


def test_windows_encoded_csv_imports_with_a_warning(tmp_path):
    path = csv_file(tmp_path / "excel.csv", [FILIPSTAD_ROW], encoding="cp1252")
    _, err = run(path, "--commit")
    assert "inte sparad som UTF-8" in err
    assert imported("Språkcafé på biblioteket").summary == FILIPSTAD_ROW["sammanfattning"]


def test_xlsx_imports_with_number_and_date_cells(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Insatser"
    sheet.append(HEADING)
    cells = dict(FILIPSTAD_ROW)
    cells.update(
        kommunkod=1782,
        startdatum=date(2021, 9, 1),
        slutdatum=date(2023, 6, 30),
        bidrag_kr=350000.0,
        total_budget_kr=500000,
    )
    sheet.append([cells[key] for key in HEADING])
    path = tmp_path / "rapport.xlsx"
    workbook.save(path)

    run(str(path), "--commit")

    case = imported(FILIPSTAD_ROW["titel"])
    assert (case.start_date, case.grant_amount, case.total_budget) == (
        date(2021, 9, 1),
        350_000,
        500_000,
    )


def test_a_broken_file_fails_with_a_message_and_a_non_zero_exit(tmp_path):
    path = tmp_path / "rapport.xlsx"
    path.write_bytes(b"%PDF-1.4\n%fake report\n")
    with pytest.raises(CommandError):
        run(str(path), "--commit")
    _, err = _run_catching(str(path))
    assert "Filen är ett PDF-dokument" in err


def _run_catching(*args):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.suppress(CommandError):
        call_command("import_cases", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_missing_file_and_unknown_user_are_command_errors(tmp_path):
    with pytest.raises(CommandError, match=r"saknas\.csv"):
        run(str(tmp_path / "saknas.csv"))
    path = csv_file(tmp_path / "a.csv", [FILIPSTAD_ROW])
    with pytest.raises(CommandError, match="ingen-sadan"):
        run(path, "--as-user", "ingen-sadan")


def test_progress_goes_to_stderr_without_terminal_control_characters(tmp_path):
    _, err = run(csv_file(tmp_path / "a.csv", [FILIPSTAD_ROW]), "--commit")
    assert "1/1" in err
    assert "\r" not in err
