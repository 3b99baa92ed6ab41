"""Big case-list downloads in the background (issue #17, item 4): /sok/export.<format> of more
than EXPORT_BACKGROUND_THRESHOLD cases answers with a job page; the task worker (django-tasks'
database queue, run in-process as the deployed `db_worker` runs it) writes the file; the page
shows progress, then a link valid for a day; prune_exports removes what expired."""

from __future__ import annotations

import io
import json
import os
from datetime import timedelta
from http import HTTPStatus

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from downloads import tasks
from downloads.files import file_path
from downloads.models import ExportJob
from tests.factories import make_case

pytestmark = pytest.mark.django_db

SUFFIXES = ["csv", "semikolon.csv", "json", "jsonl"]


@pytest.fixture
def queue(settings, tmp_path, monkeypatch):
    """Tasks go to the database queue as in production; files into a folder of this test."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # Between tasks the worker closes connections that look broken or stale; inside a test's
    # transaction its "stale" is the test's own connection (PostgreSQL would lose the test's
    # data). Everything else – claiming, running, recording the result – is the real worker.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    settings.EXPORT_ROOT = tmp_path / "exports"
    settings.EXPORT_BACKGROUND_THRESHOLD = 5
    cache.clear()  # the job limit's counters
    yield settings
    cache.clear()


def run_worker() -> None:
    """Run every task that is due, as the deployed worker does (manage.py db_worker)."""
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)


def start(client, url, capture, expected=HTTPStatus.SEE_OTHER):
    """Ask for a download; returns the job page's address it sends the visitor to."""
    with capture(execute=True):
        response = client.get(url)
    assert response.status_code == expected, response.status_code
    assert response["Cache-Control"] == "private, no-store"
    return response["Location"] if expected == HTTPStatus.SEE_OTHER else response


def job_of(location: str) -> ExportJob:
    return ExportJob.objects.get(token=location.rstrip("/").rsplit("/", 1)[-1])


def file_link(client, location) -> str:
    page = client.get(location)
    assert page.status_code == HTTPStatus.OK
    html = page.content.decode()
    assert "Filen är klar" in html
    begin = html.index('href="' + location + "fil/") + len('href="')
    return html[begin : html.index('"', begin)]


def fetch_file(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment")
    return b"".join(response.streaming_content)


def streamed(client, settings, url) -> bytes:
    threshold = settings.EXPORT_BACKGROUND_THRESHOLD
    settings.EXPORT_BACKGROUND_THRESHOLD = 1_000_000
    try:
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK and response.streaming
        return b"".join(response.streaming_content)
    finally:
        settings.EXPORT_BACKGROUND_THRESHOLD = threshold


def xlsx_values(content: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return list(sheet.iter_rows(values_only=True))


def test_twenty_thousand_cases_in_excel_csv_and_json_lines(
    client, queue, django_capture_on_commit_callbacks
):
    call_command("generate_cases", 20_000, seed=7, municipalities=10, verbosity=0)
    queue.EXPORT_BACKGROUND_THRESHOLD = 5_000  # the default: "a few thousand"
    assert streamed(client, queue, "/sok/export.csv?lan=17").count(b"\n") < 5_000  # streams
    assert not ExportJob.objects.exists()

    locations = {
        suffix: start(client, f"/sok/export.{suffix}", django_capture_on_commit_callbacks)
        for suffix in ["xlsx", "csv", "jsonl"]
    }
    run_worker()
    jobs = {suffix: job_of(location) for suffix, location in locations.items()}
    total = jobs["csv"].rows_total
    assert total >= 20_000
    assert all(
        job.status == ExportJob.Status.DONE and job.rows_done == total for job in jobs.values()
    )

    rows = xlsx_values(fetch_file(client, file_link(client, locations["xlsx"])))
    assert len(rows) == total + 1
    header = rows[0]
    assert header[:3] == ("id", "kommunkod", "kommun")
    synthetic = [row for row in rows[1:] if "/syntetisk-7-" in (row[header.index("url")] or "")]
    assert len(synthetic) == 20_000
    assert all(row[header.index("titel")] for row in synthetic[:100])

    made = fetch_file(client, file_link(client, locations["csv"]))
    assert made == streamed(client, queue, "/sok/export.csv")  # the same bytes, at scale
    lines = made.decode("utf-8-sig").splitlines()
    assert len(lines) == total + 1 and lines[0].startswith("id,kommunkod,kommun")

    records = [
        json.loads(line)
        for line in fetch_file(client, file_link(client, locations["jsonl"])).splitlines()
    ]
    assert len(records) == total
    assert [record["id"] for record in records] == [row[0] for row in rows[1:]]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_the_file_holds_exactly_what_the_same_address_streams(
    client, queue, django_capture_on_commit_callbacks, suffix
):
    url = f"/sok/export.{suffix}?lan=17&sortering=titel"
    location = start(client, url, django_capture_on_commit_callbacks)
    assert "Filen förbereds" in client.get(location).content.decode()
    run_worker()
    assert fetch_file(client, file_link(client, location)) == streamed(client, queue, url)


def test_the_excel_file_holds_the_streamed_rows(client, queue, django_capture_on_commit_callbacks):
    location = start(client, "/sok/export.xlsx", django_capture_on_commit_callbacks)
    run_worker()
    made = xlsx_values(fetch_file(client, file_link(client, location)))
    assert made == xlsx_values(streamed(client, queue, "/sok/export.xlsx"))
    assert len(made) == job_of(location).rows_done + 1 > 40


def test_progress_shows_while_the_file_is_written(
    client, queue, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(tasks, "PROGRESS_EVERY", 10)
    location = start(client, "/sok/export.csv", django_capture_on_commit_callbacks)
    waiting = client.get(location).content.decode()
    assert "Väntar på att starta" in waiting
    seen = []
    record = tasks.record_progress

    def record_and_look(job_id, done):
        record(job_id, done)
        if not seen:
            seen.append((client.get(location).content.decode(), client.get(location + "status/")))

    monkeypatch.setattr(tasks, "record_progress", record_and_look)
    run_worker()

    page, status = seen[0]
    total = job_of(location).rows_total
    assert f'<progress id="export-progress" max="{total}" value="10">' in page
    assert f"10 av {total} insatser klara." in page
    assert "export-job.js" in page
    state = status.json()
    assert state["status"] == "running" and state["rows_done"] == 10 < state["rows_total"]
    assert status["Cache-Control"].startswith("max-age=0") and "no-store" in status["Cache-Control"]
    assert client.get(location + "status/").json()["status"] == "done"


def test_the_same_download_gets_the_same_job_until_the_content_changes(
    client, queue, django_capture_on_commit_callbacks, filipstad
):
    first = start(
        client, "/sok/export.csv?sortering=titel&lan=17", django_capture_on_commit_callbacks
    )
    assert (
        start(client, "/sok/export.csv?lan=17&sortering=titel", django_capture_on_commit_callbacks)
        == first
    )
    run_worker()
    assert (
        start(client, "/sok/export.csv?lan=17&sortering=titel", django_capture_on_commit_callbacks)
        == first
    )
    assert (
        start(client, "/sok/export.json?lan=17&sortering=titel", django_capture_on_commit_callbacks)
        != first
    )

    make_case(filipstad, title="Ny insats efter filen")  # published: the content version changes
    again = start(
        client, "/sok/export.csv?lan=17&sortering=titel", django_capture_on_commit_callbacks
    )
    assert again != first


def test_job_pages_are_never_kept_by_a_cache(client, queue, django_capture_on_commit_callbacks):
    queue.PAGE_CACHE_SECONDS = 600
    location = start(client, "/sok/export.csv", django_capture_on_commit_callbacks)
    waiting = client.get(location)
    assert "no-store" in waiting["Cache-Control"] and "private" in waiting["Cache-Control"]
    run_worker()
    # The page cache is on: the next visit shows the finished file, not the stored waiting page.
    assert "Filen är klar" in client.get(location).content.decode()


def test_another_token_cannot_reach_the_file(client, queue, django_capture_on_commit_callbacks):
    location = start(client, "/sok/export.csv", django_capture_on_commit_callbacks)
    other = start(client, "/sok/export.json", django_capture_on_commit_callbacks)
    run_worker()
    link = file_link(client, location)
    token, name = job_of(location).token, link.rsplit("/", 1)[-1]
    assert client.get(link.replace(token, job_of(other).token)).status_code == HTTPStatus.NOT_FOUND
    assert client.get(link.replace(token, "x" * 43)).status_code == HTTPStatus.NOT_FOUND
    assert client.get(location.replace(token, "x" * 43)).status_code == HTTPStatus.NOT_FOUND
    assert client.get(link.replace(name, "../../db.sqlite3")).status_code == HTTPStatus.NOT_FOUND


def test_the_link_expires_after_a_day_and_cleanup_removes_the_file(
    client, queue, django_capture_on_commit_callbacks
):
    location = start(client, "/sok/export.csv?lan=17", django_capture_on_commit_callbacks)
    run_worker()
    link = file_link(client, location)
    job = job_of(location)
    path = file_path(job.file_name)
    assert path.is_file() and not str(path).startswith(str(queue.MEDIA_ROOT))

    with time_machine.travel(job.created_at + timedelta(hours=23, minutes=59)):
        assert client.get(link).status_code == HTTPStatus.OK
        call_command("prune_exports", verbosity=0)
        assert path.is_file()
    with time_machine.travel(job.created_at + timedelta(days=1, minutes=1)):
        gone = client.get(location)
        assert gone.status_code == HTTPStatus.GONE
        assert "Länken har gått ut" in gone.content.decode()
        assert 'href="/sok/export.csv?lan=17"' in gone.content.decode()  # make it again
        assert client.get(link).status_code == HTTPStatus.GONE
        call_command("prune_exports", verbosity=0)
    assert not path.exists() and not path.parent.exists()
    assert not ExportJob.objects.filter(pk=job.pk).exists()
    assert client.get(location).status_code == HTTPStatus.NOT_FOUND


def test_a_failed_export_says_so_and_offers_a_new_try(
    client, queue, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(*args, **kwargs):
        raise OSError("No space left on device")

    writer = tasks.stream
    monkeypatch.setattr(tasks, "stream", broken)
    location = start(client, "/sok/export.csv?lan=17", django_capture_on_commit_callbacks)
    run_worker()
    assert DBTaskResult.objects.get().status == "FAILED"
    page = client.get(location)
    html = page.content.decode()
    assert page.status_code == HTTPStatus.OK
    assert "Exporten misslyckades" in html and "Filen kunde inte skapas" in html
    assert 'href="/sok/export.csv?lan=17">Försök igen' in html
    assert not (queue.EXPORT_ROOT / job_of(location).token).exists()  # no half file left

    monkeypatch.setattr(tasks, "stream", writer)
    retry = start(client, "/sok/export.csv?lan=17", django_capture_on_commit_callbacks)
    assert retry != location
    run_worker()
    assert job_of(retry).status == ExportJob.Status.DONE


def test_a_task_taken_back_from_a_dead_worker_writes_the_whole_file(
    client, queue, django_capture_on_commit_callbacks
):
    location = start(client, "/sok/export.jsonl", django_capture_on_commit_callbacks)
    job = job_of(location)
    # What core/leases.reclaim_expired leaves after a worker died 3 rows in: the job RUNNING, its
    # task READY again with the dead worker in its history.
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.RUNNING, rows_done=3, started_at=timezone.now()
    )
    DBTaskResult.objects.update(worker_ids=["dead-worker"])
    run_worker()
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE and job.rows_done == job.rows_total > 40
    lines = fetch_file(client, file_link(client, location)).splitlines()
    assert len(lines) == job.rows_done
    assert not list(file_path(job.file_name).parent.glob("*.part"))


def test_a_worker_gone_for_good_leaves_a_failed_job_not_a_running_one(
    client, queue, django_capture_on_commit_callbacks
):
    location = start(client, "/sok/export.csv", django_capture_on_commit_callbacks)
    long_ago = timezone.now() - timedelta(minutes=16)
    ExportJob.objects.update(status=ExportJob.Status.RUNNING, beat_at=long_ago, rows_done=500)
    call_command("prune_exports", verbosity=0)
    html = client.get(location).content.decode()
    assert "Exporten avbröts innan filen blev klar" in html
    assert 'href="/sok/export.csv">Försök igen' in html


def test_cleanup_removes_stray_folders_once_they_are_a_day_old(queue):
    stray, fresh = queue.EXPORT_ROOT / "stray", queue.EXPORT_ROOT / "fresh"
    for folder in (stray, fresh):
        folder.mkdir(parents=True)
        (folder / "kunskapsbanken-insatser.csv.part").write_bytes(b"id\r\n")
    two_days_ago = (timezone.now() - timedelta(days=2)).timestamp()
    os.utime(stray, (two_days_ago, two_days_ago))
    call_command("prune_exports", verbosity=0)
    assert not stray.exists() and fresh.exists()


def test_new_jobs_are_limited_per_client_and_in_number(
    client, queue, django_capture_on_commit_callbacks
):
    queue.EXPORT_JOBS_PER_CLIENT_HOUR = 2
    start(client, "/sok/export.csv?lan=17", django_capture_on_commit_callbacks)
    start(client, "/sok/export.csv?lan=17", django_capture_on_commit_callbacks)  # reused: free
    start(client, "/sok/export.json?lan=17", django_capture_on_commit_callbacks)
    refused = start(
        client,
        "/sok/export.jsonl",
        django_capture_on_commit_callbacks,
        HTTPStatus.TOO_MANY_REQUESTS,
    )
    assert "Du har startat många exporter" in refused.content.decode()
    assert int(refused["Retry-After"]) > 0

    queue.EXPORT_JOBS_PER_CLIENT_HOUR = 0
    queue.EXPORT_MAX_ACTIVE_JOBS = 2
    busy = start(
        client,
        "/sok/export.jsonl",
        django_capture_on_commit_callbacks,
        HTTPStatus.SERVICE_UNAVAILABLE,
    )
    assert "Många exporter förbereds just nu" in busy.content.decode()
    assert ExportJob.objects.count() == 2


def test_the_english_site_has_the_job_page_in_english(
    client, queue, django_capture_on_commit_callbacks
):
    location = start(client, "/en/sok/export.csv", django_capture_on_commit_callbacks)
    assert location.startswith("/en/sok/export/")
    assert "The file is being prepared" in client.get(location).content.decode()
    run_worker()
    html = client.get(location).content.decode()
    assert "Your file is ready" in html and f'href="{location}fil/' in html


def test_a_short_list_still_streams_at_once(client, queue):
    queue.EXPORT_BACKGROUND_THRESHOLD = 5_000
    response = client.get("/sok/export.csv")
    assert response.status_code == HTTPStatus.OK and response.streaming
    assert not ExportJob.objects.exists()


def test_head_starts_no_export_and_get_still_does(
    client, queue, django_capture_on_commit_callbacks
):
    queue.EXPORT_JOBS_PER_CLIENT_HOUR = 1
    for _ in range(3):  # a link checker or a prefetching proxy, asking again and again
        with django_capture_on_commit_callbacks(execute=True):
            head = client.head("/sok/export.xlsx?lan=17")
        assert head.status_code == HTTPStatus.OK and head.content == b""
        assert head["Content-Type"] == "text/html; charset=utf-8"
        assert "no-store" in head["Cache-Control"] and "private" in head["Cache-Control"]
    assert not ExportJob.objects.exists() and not DBTaskResult.objects.exists()
    assert not queue.EXPORT_ROOT.exists() or not any(queue.EXPORT_ROOT.iterdir())

    # The HEADs used none of the client's one job an hour: the GET starts it.
    location = start(client, "/sok/export.xlsx?lan=17", django_capture_on_commit_callbacks)
    assert ExportJob.objects.count() == 1
    # A HEAD for a download that has a job names it, as the GET would; still one job.
    head = client.head("/sok/export.xlsx?lan=17")
    assert head.status_code == HTTPStatus.SEE_OTHER and head["Location"] == location
    assert ExportJob.objects.count() == 1


def test_head_of_a_short_list_has_the_downloads_headers_without_the_rows(client, queue):
    queue.EXPORT_BACKGROUND_THRESHOLD = 5_000
    get = client.get("/sok/export.csv?lan=17")
    head = client.head("/sok/export.csv?lan=17")
    assert head.status_code == HTTPStatus.OK and b"".join(head.streaming_content) == b""
    for header in ("Content-Type", "Content-Disposition", "X-Robots-Tag"):
        assert head[header] == get[header]
    assert not ExportJob.objects.exists()
