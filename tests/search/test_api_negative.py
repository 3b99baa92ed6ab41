"""Schemathesis with invalid values only: every parameter the OpenAPI document describes is sent
values outside its type, bounds and enums (strings for integers, 0 and 501 for sida, an id past
the database's integer range...). The API clamps or ignores them on purpose, so the answer may be
200 – but never a server error, and always a documented status with a body matching the schema.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import negative_data_rejection

from cms.wsgi import application

pytestmark = pytest.mark.django_db

# The index (/api/v1/) takes no parameter, so it has no invalid value to send: the positive
# schemathesis test covers it, and here it would only be reported as skipped.
invalid_values = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).exclude(
    path="/api/v1/"
)
invalid_values.config.generation.update(modes=[GenerationMode.NEGATIVE], deterministic=True)


@invalid_values.parametrize()
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_invalid_values_never_give_a_server_error(case, keep_test_connection):
    assert case.meta.generation.mode == GenerationMode.NEGATIVE
    # Every default check (which includes not_a_server_error) except the demand that invalid
    # input be rejected. Uncompressed, so bodies can be checked against the schema.
    case.call_and_validate(
        headers={"Accept-Encoding": "identity"}, excluded_checks=[negative_data_rejection]
    )
