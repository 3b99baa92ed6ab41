"""The admin's view of the background task queue, for moderators and administrators."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult


def _task(status, **fields):
    return DBTaskResult.objects.create(
        status=status,
        task_path="search.tasks.sync_cluster",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        **fields,
    )


@pytest.fixture
def queue(db):
    _task("READY")
    _task("READY")
    _task("READY", run_after=timezone.now() + timedelta(minutes=5))
    _task("RUNNING", started_at=timezone.now(), worker_ids=["w1"])
    _task(
        "FAILED",
        finished_at=timezone.now(),
        exception_class_path="django.db.utils.OperationalError",
    )


def _rows(html):
    return " ".join(html.split())


def test_moderator_sees_waiting_running_and_failed_work(client, moderator, queue):
    client.force_login(moderator)
    response = client.get(reverse("task_queue"))
    assert response.status_code == 200
    page = _rows(response.content.decode())
    assert "Uppgiftskö" in page
    assert '<th scope="row">Väntar</th><td>2</td>' in page
    assert '<th scope="row">Schemalagda till senare (nya försök)</th><td>1</td>' in page
    assert '<th scope="row">Körs</th><td>1</td>' in page
    assert '<th scope="row">Misslyckade senaste 24 timmarna</th><td>1</td>' in page
    assert "django.db.utils.OperationalError" in page


def test_the_reports_menu_lists_it_for_moderators(client, moderator):
    client.force_login(moderator)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("task_queue") in page


def test_municipality_editors_may_not_see_it(client, filipstad_editor, queue):
    client.force_login(filipstad_editor)
    # Wagtail answers a refused admin view by sending the user to the dashboard.
    response = client.get(reverse("task_queue"))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert reverse("task_queue") not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_administrators_see_it(client, superuser, queue):
    client.force_login(superuser)
    assert client.get(reverse("task_queue")).status_code == 200
