"""No input to the subscription pages is a server error: hostile values (those of
tests/test_hostile_input.py) in the target parameters, the form fields and the signed-link
segments, by GET and by POST."""

from __future__ import annotations

import pytest
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from subscriptions.models import Subscription
from tests.test_hostile_input import FAST, HOSTILE, SEGMENT

pytestmark = pytest.mark.django_db

TARGET_PARAMETERS = ["tema", "kommun", "sok", "email", "frequency"]


def _answer(client, method: str, path: str, data: dict) -> int:
    with override_settings(SEARCH_RATE_LIMIT_PER_MINUTE=0):
        response = getattr(client, method)(path, data)
    assert response.status_code < 500, (method, path, data)
    return response.status_code


@FAST
@given(params=st.dictionaries(st.sampled_from(TARGET_PARAMETERS), HOSTILE, min_size=1))
def test_the_subscribe_and_erase_pages(client, params):
    for method in ("get", "post"):
        _answer(client, method, "/folj/", params)
        _answer(client, method, "/en/folj/", params)
        _answer(client, method, "/folj/radera/", params)
    # A hostile value never makes a subscription (no valid address among them); a harmless
    # theme with a real address may, and that is fine.
    assert not Subscription.objects.exclude(email__contains="@").exists()


@FAST
@given(segment=SEGMENT)
def test_the_signed_links(client, segment):
    for route in ("bekrafta", "avsluta", "radera"):
        for method in ("get", "post"):
            assert _answer(client, method, f"/folj/{route}/{segment}/", {}) in {400, 404}
