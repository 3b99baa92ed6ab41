"""Local development: DEBUG on, a per-checkout secret key so nothing secret lives in the code."""

import secrets

from .base import *  # noqa: F403
from .base import BASE_DIR
from .env import env_bool, env_str


def _local_secret_key() -> str:
    """A random key kept in var/ so sessions survive restarts of `make run`."""
    path = BASE_DIR / "var" / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY") or _local_secret_key()
