"""The admin import for moderators: upload → report (nothing imported yet) → import → summary."""

import io
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from cases.exchange.columns import IMPORT_COLUMNS
from cases.models import CaseStudyPage, ImportBatch

pytestmark = pytest.mark.django_db

HEADING = "kommunkod;titel;sammanfattning;fokusomraden;status;startdatum"
GOOD = (
    "1782;Cykelkök för unga;Unga lagar cyklar tillsammans med volontärer.;unga;ongoing;2024-03-01"
)
GOOD_THEMES = GOOD.replace(";unga;", ";forebyggande-barn-unga;")
BAD = "9999;Okänd kommun;Kort text.;grundskola;ongoing;2024-03-01"


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def editor_client(filipstad_editor):
    client = Client()  # its own session, beside moderator_client's
    client.force_login(filipstad_editor)
    return client


def _denied(response) -> bool:
    """Wagtail answers a permission failure with 403 or a redirect to the dashboard."""
    return response.status_code == HTTPStatus.FORBIDDEN or (
        response.status_code == HTTPStatus.FOUND and response.url == reverse("wagtailadmin_home")
    )


def upload(client, content: bytes, name="rapport.csv"):
    return client.post(reverse("cases_import"), {"file": SimpleUploadedFile(name, content)})


def test_moderator_uploads_sees_the_report_imports_and_gets_links_to_the_drafts(
    moderator_client, moderator, filipstad, django_capture_on_commit_callbacks
):
    content = f"{HEADING}\n{GOOD_THEMES}\n{BAD}\n".encode()
    response = upload(moderator_client, content)
    assert response.status_code == HTTPStatus.FOUND
    batch = ImportBatch.objects.get()
    assert response.url == reverse("cases_import_batch", args=[batch.pk])
    assert (batch.uploaded_by, batch.state, batch.row_count) == (moderator, "checked", 2)

    report = moderator_client.get(response.url)
    assert report.status_code == HTTPStatus.OK
    assert report.context["valid_count"] == 1
    assert [row.number for row in report.context["invalid_rows"]] == [3]
    html = report.content.decode()
    assert "Inget har importerats ännu." in html
    assert "Det finns ingen kommun med koden ”9999”" in html
    assert "Importera 1 giltig rad" in html
    assert reverse("cases_import_run", args=[batch.pk]) in html  # the import button
    assert not CaseStudyPage.objects.filter(title="Cykelkök för unga").exists()

    with django_capture_on_commit_callbacks(execute=True):
        started = moderator_client.post(reverse("cases_import_run", args=[batch.pk]))
    assert started.status_code == HTTPStatus.FOUND

    batch.refresh_from_db()
    assert batch.state == "done"
    assert batch.imported_by == moderator
    assert batch.content == b""  # no copy of the file is kept after the import
    case = CaseStudyPage.objects.child_of(filipstad).get(title="Cykelkök för unga")
    assert not case.live
    summary = moderator_client.get(reverse("cases_import_batch", args=[batch.pk]))
    assert reverse("wagtailadmin_pages:edit", args=[case.pk]) in summary.content.decode()
    assert summary.context["summary"].invalid == 1


def test_a_second_click_imports_nothing_twice(moderator_client, django_capture_on_commit_callbacks):
    upload(moderator_client, f"{HEADING}\n{GOOD_THEMES}\n".encode())
    batch = ImportBatch.objects.get()
    run_url = reverse("cases_import_run", args=[batch.pk])
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(run_url)
        moderator_client.post(run_url)
    assert CaseStudyPage.objects.filter(title="Cykelkök för unga").count() == 1


def test_importing_the_same_file_again_reports_the_rows_as_existing(
    moderator_client, django_capture_on_commit_callbacks
):
    content = f"{HEADING}\n{GOOD_THEMES}\n".encode()
    upload(moderator_client, content)
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(reverse("cases_import_run", args=[ImportBatch.objects.get().pk]))

    response = moderator_client.get(upload(moderator_client, content).url)

    assert response.context["valid_count"] == 0
    assert len(response.context["report"].duplicates) == 1
    assert reverse("cases_import_run", args=[ImportBatch.objects.first().pk]) not in (
        response.content.decode()
    )


@pytest.mark.parametrize(
    ("content", "name", "words"),
    [
        (b"%PDF-1.5\n%rapport", "rapport.xlsx", "PDF"),
        (b"kommunkod;titel\n", "rapport.csv", "sammanfattning"),
        (b"anything", "rapport.docx", ".docx"),
    ],
)
def test_a_bad_file_gets_a_message_and_stores_nothing(moderator_client, content, name, words):
    response = upload(moderator_client, content, name)
    assert response.status_code == HTTPStatus.OK
    assert words in " ".join(response.context["form"].errors["file"])
    assert not ImportBatch.objects.exists()


def test_municipality_editors_are_refused_everywhere(editor_client, moderator_client):
    upload(moderator_client, f"{HEADING}\n{GOOD_THEMES}\n".encode())
    batch = ImportBatch.objects.get()
    for response in (
        editor_client.get(reverse("cases_import")),
        upload(editor_client, f"{HEADING}\n{GOOD}\n".encode()),
        editor_client.get(reverse("cases_import_batch", args=[batch.pk])),
        editor_client.post(reverse("cases_import_run", args=[batch.pk])),
        editor_client.get(reverse("cases_import_template_xlsx")),
    ):
        assert _denied(response)
    assert ImportBatch.objects.count() == 1
    batch.refresh_from_db()
    assert batch.state == "checked"


def test_the_menu_item_is_shown_to_moderators_only(editor_client, moderator_client):
    url = reverse("cases_import")
    assert url in moderator_client.get(reverse("wagtailadmin_home")).content.decode()
    assert url not in editor_client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_template_downloads_are_generated_from_the_columns(moderator_client):
    response = moderator_client.get(reverse("cases_import_template_xlsx"))
    assert response.status_code == HTTPStatus.OK
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Insatser", "Instruktioner"]
    keys = [column.key for column in IMPORT_COLUMNS]
    assert [cell.value for cell in workbook["Insatser"][1]] == keys
    instructions = list(workbook["Instruktioner"].iter_rows(min_row=2, values_only=True))
    assert [line[0] for line in instructions] == keys
    allowed = {line[0]: line[3] for line in instructions}
    assert "grundskola" in allowed["fokusomraden"]
    assert "1782 (Filipstad)" in allowed["kommunkod"]

    csv_response = moderator_client.get(reverse("cases_import_template_csv"))
    text = csv_response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == ";".join(keys)


def test_stale_checked_files_are_dropped_when_the_page_is_opened(moderator_client, moderator):
    from datetime import timedelta

    from django.utils import timezone

    old = ImportBatch.objects.create(file_name="gammal.csv", content=b"x", uploaded_by=moderator)
    ImportBatch.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    moderator_client.get(reverse("cases_import"))
    old.refresh_from_db()
    assert (old.state, bytes(old.content)) == ("expired", b"")
