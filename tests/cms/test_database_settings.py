"""The embedded database as the site runs it (cms/settings/base.py): connections kept between
requests, and SQLite in write-ahead-log mode, so one worker's write neither blocks the others'
reads nor waits for the disk."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "from django.db import connection; cursor = connection.cursor(); "
    "print(cursor.execute('PRAGMA journal_mode').fetchone()[0], "
    "cursor.execute('PRAGMA synchronous').fetchone()[0], "
    "connection.settings_dict['CONN_MAX_AGE'])"
)


def test_sqlite_runs_with_a_write_ahead_log_and_kept_connections(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "SECRET_KEY": "database-settings-test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
    }
    environment.pop("DATABASE_CONN_MAX_AGE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c", PROBE],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    # journal mode, synchronous=NORMAL (1), connections kept 60 seconds
    assert result.stdout.split() == ["wal", "1", "60"]
