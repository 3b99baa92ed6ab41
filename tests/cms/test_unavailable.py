"""While the database is out of reach visitors and editors get a 503 page, never a 500."""

import os
import subprocess
import sys
import time
import uuid

import requests
from django.db import InterfaceError, OperationalError
from django.test import override_settings
from django.urls import path
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html

from tests.admin_forms import BODY, postable
from tests.pg_cluster import own_postgres  # noqa: F401
from tests.search.cluster_harness import cluster_url, opensearch_url  # noqa: F401
from tests.servers import ROOT, dev_server, manage, manage_ok


def database_gone(request):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


def connection_closed(request):
    try:
        raise InterfaceError("connection already closed")
    except InterfaceError as error:
        raise RuntimeError("rendering failed") from error


def plain_bug(request):
    raise ValueError("a bug")


urlpatterns = [
    path("gone/", database_gone),
    path("closed/", connection_closed),
    path("bug/", plain_bug),
]


@override_settings(ROOT_URLCONF=__name__)
def test_database_error_gives_the_unavailable_page_in_swedish_and_english(client):
    client.raise_request_exception = False
    response = client.get("/gone/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "Tjänsten är tillfälligt otillgänglig" in page
    assert "The service is temporarily unavailable" in page
    assert "det inte sparats" in page
    # The security headers of the inner layers stay on the replaced page.
    assert "Content-Security-Policy" in response
    assert response["Content-Type"].startswith("text/html")


@override_settings(ROOT_URLCONF=__name__)
def test_an_error_caused_by_a_lost_connection_counts_too(client):
    client.raise_request_exception = False
    assert client.get("/closed/").status_code == 503


@override_settings(ROOT_URLCONF=__name__)
def test_other_errors_stay_500(client):
    client.raise_request_exception = False
    response = client.get("/bug/")
    assert response.status_code == 500
    assert "Retry-After" not in response


# -- A real outage: the test's own PostgreSQL stopped while an editor publishes ----------------


def _environment(tmp_path, database_url, search_url, prefix):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DEBUG": "false",
        "SECRET_KEY": "outage-test-only",
        "DATABASE_URL": database_url,
        # Persistent connections, as production runs: the broken ones must be replaced.
        "DATABASE_CONN_MAX_AGE": "60",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "SEARCH_ENGINE": "opensearch",
        "SEARCH_ENGINE_URL": search_url,
        "SEARCH_INDEX_PREFIX": prefix,
        "SEARCH_RATE_LIMIT_PER_MINUTE": "0",
    }


def _login(session, base, password):
    session.get(base + "/admin/login/")
    response = session.post(
        base + "/admin/login/",
        data={
            "username": "outage",
            "password": password,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:500]


def _publish(session, base, page_id, title) -> str:
    """'published', or 'told' when the editor got the unavailable page; anything else fails."""
    edit = f"{base}/admin/pages/{page_id}/edit/"
    form = session.get(edit)
    if form.status_code == 503:
        assert "Tjänsten är tillfälligt otillgänglig" in form.text
        return "told"
    assert form.status_code == 200, form.text[:500]
    data = querydict_from_html(form.text, form_id="page-edit-form")
    if "body-count" not in data:
        data.update(nested_form_data({"body": BODY}))
    data["title"] = title
    data["action-publish"] = "action-publish"
    data.pop("csrfmiddlewaretoken", None)
    csrf = {"X-CSRFToken": session.cookies["csrftoken"], "Referer": edit}
    response = session.post(edit, data=postable(data), headers=csrf, allow_redirects=False)
    if response.status_code == 503:
        assert "det inte sparats" in response.text
        return "told"
    assert response.status_code == 302, response.text[:2000]
    return "published"


def _cluster_has(search_url, prefix, word) -> bool:
    response = requests.post(
        f"{search_url}/{prefix}-cases/_search",
        json={"query": {"query_string": {"query": word}}},
        timeout=10,
    )
    return response.ok and response.json()["hits"]["total"]["value"] > 0


def _tasks(env) -> str:
    script = (
        "from django_tasks_db.models import DBTaskResult as T;"
        "[print(t.status, t.task_path, t.run_after, t.exception_class_path)"
        " for t in T.objects.all()]"
    )
    return manage(env, "shell", "-c", script).stdout


def _eventually(check, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(1)
    return False


def test_database_outage_while_publishing(tmp_path, own_postgres, opensearch_url):  # noqa: F811
    prefix = f"outage-{uuid.uuid4().hex[:8]}"
    env = _environment(tmp_path, own_postgres.url, opensearch_url, prefix)
    manage_ok(env, "migrate", "--no-input")
    manage_ok(env, "first_run")
    manage_ok(env, "search_rebuild", "--engine", "cluster")
    # The demo's own background work (reference index, admin search) first, so the publishes
    # below do not queue behind it.
    manage_ok(env, "run_worker", "--batch", "--no-startup-delay", "-v0")
    password = uuid.uuid4().hex
    script = (
        "from django.contrib.auth import get_user_model; from cases.models import CaseStudyPage;"
        f"get_user_model().objects.create_superuser('outage', 'o@example.org', '{password}');"
        "print(CaseStudyPage.objects.live().order_by('pk').first().pk)"
    )
    page_id = int(manage_ok(env, "shell", "-c", script).strip().splitlines()[-1])

    worker_log = tmp_path / "worker.log"
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--interval", "0.5", "--no-reload"],
        cwd=ROOT,
        env=env,
        stdout=worker_log.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        with dev_server(env) as base:
            session = requests.Session()
            _login(session, base, password)
            assert _publish(session, base, page_id, "Före avbrottet") == "published"

            own_postgres.stop()
            outcomes = [_publish(session, base, page_id, f"Under avbrottet {n}") for n in range(3)]
            home = requests.get(base + "/", timeout=30)
            time.sleep(3)
            own_postgres.start()

            assert outcomes == ["told"] * 3
            assert home.status_code == 503
            assert home.headers["Retry-After"] == "30"
            assert "Tjänsten är tillfälligt otillgänglig" in home.text
            assert "The service is temporarily unavailable" in home.text

            # The site recovers by itself; the editor publishes again.
            assert _eventually(lambda: requests.get(base + "/", timeout=30).status_code == 200)
            assert _publish(session, base, page_id, "Efter avbrottet Återhämtning") == "published"
            assert worker.poll() is None, "the worker exited when the database went away"
            assert _eventually(lambda: _cluster_has(opensearch_url, prefix, "Återhämtning")), (
                worker_log.read_text() + _tasks(env)
            )
            assert requests.get(f"{base}/sok/?q=Återhämtning", timeout=30).status_code == 200
            # Both indexes hold exactly what the database says: nothing drifted in the outage.
            report = manage_ok(env, "search_reconcile", "--check")
            assert report.count("no drift.") == 2, report
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        requests.delete(f"{opensearch_url}/{prefix}-*", timeout=30)
    log = worker_log.read_text()
    assert "lost the database" in log, log
    assert "reached the database again" in log
