"""Where export files lie: EXPORT_ROOT, a folder outside MEDIA_ROOT and the public URL space.

Each job writes into a folder named by its token; a file being written carries ".part" until it
is complete, so a worker that dies mid-export never leaves a half file that looks finished.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings

PART_SUFFIX = ".part"


def export_root() -> Path:
    return Path(settings.EXPORT_ROOT)


def job_folder(token: str) -> Path:
    return export_root() / token


def file_path(file_name: str) -> Path:
    """The absolute path of a job's file_name; never outside EXPORT_ROOT."""
    root = export_root().resolve()
    path = (root / file_name).resolve()
    if root not in path.parents:
        raise ValueError(f"Not an export file: {file_name}")
    return path


def remove_job_files(token: str) -> None:
    shutil.rmtree(job_folder(token), ignore_errors=True)
