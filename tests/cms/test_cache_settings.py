"""Which cache the settings choose: one that every server process shares (cms/settings/base.py)."""

import os

import pytest

from tests.servers import manage

SHOW_CACHE = (
    "from django.conf import settings; c = settings.CACHES['default']; "
    "print(c['BACKEND'], c['LOCATION'])"
)


def cache_of(**variables) -> list[str]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("CACHE_", "REDIS_"))},
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "cache-settings-test-" + "x" * 50,
        "ALLOWED_HOSTS": "kunskapsbanken.example.org",
        **variables,
    }
    result = manage(env, "shell", "-c", SHOW_CACHE)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()[-2:]


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({}, ["cms.cache.DatabaseCache", "kunskapsbanken_cache"]),
        (
            {"REDIS_URL": "redis://cache.example.org:6379/0"},
            ["django.core.cache.backends.redis.RedisCache", "redis://cache.example.org:6379/0"],
        ),
    ],
    ids=["database-by-default", "redis-when-configured"],
)
def test_production_uses_a_cache_shared_by_all_workers(variables, expected):
    assert cache_of(**variables) == expected
