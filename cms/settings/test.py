"""Test settings: fast hashing, in-memory cache, immediate tasks, throwaway media."""

import tempfile

from .base import *  # noqa: F403
from .env import env_str

DEBUG = False
SECRET_KEY = "test-only-not-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = tempfile.mkdtemp(prefix="kunskapsbanken-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False}

if env_str("TEST_DATABASE_URL"):
    import dj_database_url

    DATABASES = {"default": dj_database_url.parse(env_str("TEST_DATABASE_URL"))}
# WhiteNoise expects STATIC_ROOT to exist; tests serve nothing from it.
STATIC_ROOT = tempfile.mkdtemp(prefix="kunskapsbanken-test-static-")

SEARCH_REFRESH_ON_WRITE = True
# Every test's database starts at content version "0", so pages kept by one test would be served
# in the next; the page cache tests turn it on with a cache of their own.
PAGE_CACHE_SECONDS = 0
# The suite makes many requests from one client; the rate-limit test sets its own limit.
SEARCH_RATE_LIMIT_PER_MINUTE = 0
