"""`manage.py run_worker`: django-tasks' database worker that outlives a database restart.

`db_worker` exits on the first database error (a restart, a failover, a dropped connection), and
queued work then waits until someone starts it again. This command runs the same worker loop, and
when the database goes away it closes the broken connections, waits for the database with growing
pauses (1, 2, 4 … up to 30 seconds) and carries on. It takes db_worker's options.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time

from django.core.management.base import CommandError
from django.db import connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker

from cms.unavailable import DATABASE_ERRORS

logger = logging.getLogger("cms.worker")

FIRST_PAUSE = 1.0
LONGEST_PAUSE = 30.0


def pauses(first: float = FIRST_PAUSE, longest: float = LONGEST_PAUSE):
    """1, 2, 4 … seconds, then `longest` for ever."""
    pause = first
    while True:
        yield pause
        pause = min(pause * 2, longest)


def close_connections() -> None:
    for connection in connections.all(initialized_only=True):
        with contextlib.suppress(*DATABASE_ERRORS):  # already broken; dropped either way
            connection.close()


def database_answers() -> bool:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DATABASE_ERRORS:
        close_connections()
        return False


class ResilientWorker(Worker):
    sleep = staticmethod(time.sleep)

    def run(self) -> None:
        while self.running:
            try:
                super().run()
                return  # --batch or --max-tasks finished
            except DATABASE_ERRORS as error:
                logger.warning("Task worker lost the database (%s); waiting for it.", error)
                close_connections()
                self.wait_for_database()

    def wait_for_database(self) -> None:
        started = time.monotonic()
        for pause in pauses():
            if not self.running:
                return
            self.sleep(pause)
            if database_answers():
                logger.warning(
                    "Task worker reached the database again after %.0f s; carrying on.",
                    time.monotonic() - started,
                )
                return


class Command(DbWorkerCommand):
    help = "Run the task worker; it waits for the database when it restarts instead of exiting."

    def handle(self, *, verbosity, reload, batch, **options) -> None:
        self.configure_logging(verbosity)
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=batch,
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
