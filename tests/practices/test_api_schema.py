"""The API against its own OpenAPI document (schemathesis): whatever the document allows a client
to send, the API never answers 500, and each answer's status, media type and body are what the
document says."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from practices.browse.cache import clear

CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
]


@pytest.fixture
def wsgi_app():
    """The site's WSGI application, kept from closing the test's database connection after each
    request (as Django's own test client does): the test's transaction holds the catalogue."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_the_api_keeps_to_its_document(catalogue, wsgi_app):
    clear()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 6
    statuses = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=40,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def keeps_to_it(case):
            response = case.call()
            statuses.append(response.status_code)
            assert response.status_code < 500, (case.path, case.query, response.text[:300])
            case.validate_response(response, checks=CHECKS)

        keeps_to_it()

    # The list of practices alone takes dozens of generated query strings, good and bad.
    assert len(statuses) >= 60
    assert {200, 400} <= set(statuses)
