import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_limits():
    """The hourly e-mail limits (subscriptions/limits.py) count in the cache, which outlives a
    test; each test starts with none used."""
    cache.clear()
