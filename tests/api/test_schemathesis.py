"""Schemathesis over the whole OpenAPI spec, on SQLite and on PostgreSQL (CI runs the suite on
both): no input makes the server fail, and every refusal is in the one error format."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from zastita.config.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def keep_connection():
    """Calling the WSGI app directly would close the test's connection at request end (the
    test client avoids this the same way)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def auth_headers(db, admin_user, dpo_user, organisation, keep_connection):
    from django.test import Client

    from ..conftest import sign_in
    from ..partners.keys import issue_confirmed

    _key, raw = issue_confirmed(
        requester=admin_user,
        organisation=organisation,
        label="fuzz",
        capabilities=["reference.read", "reports.submit", "reports.status"],
    )
    session = sign_in(Client(), dpo_user).session.session_key
    return {
        "key": {"Authorization": f"Bearer {raw}"},
        "session": {"Cookie": f"zastita_session={session}"},
    }


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.django_db
def test_no_server_errors(case, auth_headers):
    empty: dict[str, str] = {}
    for headers in (auth_headers["session"], auth_headers["key"], empty):
        response = case.call(headers=headers)
        assert response.status_code < 500, (case.path, case.query, response.text)
        if response.status_code >= 400:
            # Every refusal in the one error format, whoever made it.
            error = response.json()["error"]
            assert set(error) == {"code", "message", "fields"}, (case.path, response.text)
            assert error["code"], (case.path, response.text)
