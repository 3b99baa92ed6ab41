"""Backups of the database and the media files together (manage.py backup_site / restore_site).

One backup is two files in BACKUP_ROOT that share a timestamp:
    kunskapsbanken-20261205-231500-db.<sqlite3|psql>.gz   (django-dbbackup: SQLite's backup API,
                                                          or pg_dump for PostgreSQL)
    kunskapsbanken-20261205-231500-media.tar.gz           (MEDIA_ROOT: images and documents)
The database is written first, so the media archive holds every file the database refers to.
The search indexes are not backed up: restore_site rebuilds them from the restored database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

PREFIX = "kunskapsbanken"
STAMP_FORMAT = "%Y%m%d-%H%M%S"
# Only the backups themselves: django-dbbackup writes a .metadata file beside each one.
_NAME = re.compile(
    rf"^{PREFIX}-(?P<stamp>\d{{8}}-\d{{6}})-(?:(?P<db>db)\.[a-z0-9.]+|media\.tar)\.gz$"
)


@dataclass(frozen=True)
class Backup:
    stamp: str
    database: str  # file names inside BACKUP_ROOT
    media: str


def stamp(moment: datetime) -> str:
    return moment.strftime(STAMP_FORMAT)


def database_file_name(stamp: str, extension: str) -> str:
    return f"{PREFIX}-{stamp}-db.{extension}.gz"


def media_file_name(stamp: str) -> str:
    return f"{PREFIX}-{stamp}-media.tar.gz"


def complete_backups(names: list[str]) -> list[Backup]:
    """Backups that have both their files, oldest first."""
    parts: dict[str, dict[str, str]] = {}
    for name in names:
        match = _NAME.match(name)
        if match:
            parts.setdefault(match["stamp"], {})["db" if match["db"] else "media"] = name
    return [
        Backup(stamp, found["db"], found["media"])
        for stamp, found in sorted(parts.items())
        if {"db", "media"} <= found.keys()
    ]


def expired(names: list[str], keep: int) -> list[str]:
    """Files of all but the newest `keep` complete backups (at least one is always kept)."""
    backups = complete_backups(names)
    old = backups[: -max(keep, 1)]
    return sorted(name for backup in old for name in (backup.database, backup.media))


def find(root: Path, wanted: str | None = None) -> Backup | None:
    """The backup with timestamp `wanted`, or the newest complete one."""
    backups = complete_backups([path.name for path in root.iterdir()]) if root.is_dir() else []
    if wanted is not None:
        return next((backup for backup in backups if backup.stamp == wanted), None)
    return backups[-1] if backups else None
