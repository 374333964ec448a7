"""A property-based run of the API's own OpenAPI schema (schemathesis): whatever a client sends, within the schema or
not, no answer is a 5xx and each answer matches the schema (a cursor the API did not give, though of the schema's
form, is a 422: the check that such a request passes is left out). (Each operation's cases are drawn by Hypothesis here:
schemathesis' pytest plugin does not run under this pytest.)"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from marsad.serve.app import create_app

schemathesis = pytest.importorskip("schemathesis")
from schemathesis.specs.openapi.checks import positive_data_acceptance  # noqa: E402
EXAMPLES = 30  # cases per operation


@pytest.fixture(scope="module")
def operations(db):
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", create_app(db))
    return [result.ok() for result in schema.get_all_operations()]


def test_every_operation_is_run(operations):
    assert len(operations) >= 16


def test_no_request_yields_a_server_error(operations):
    failures = []
    for operation in operations:
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def run(case):
            response = case.call()
            assert response.status_code < 500, f"{case.method} {case.formatted_path} {case.query}: {response.text}"
            case.validate_response(response, excluded_checks=[positive_data_acceptance])

        try:
            run()
        except Exception as err:  # (every operation is run; the failures are listed together)
            failures.append(f"{operation.label}: {str(err)[:800]}")
    assert not failures, "\n\n".join(failures)
