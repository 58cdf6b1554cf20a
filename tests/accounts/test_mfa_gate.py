"""No page or API operation with data opens to a session that passed the password only."""

from __future__ import annotations

import re

import pytest
from django.urls import get_resolver

from zastita.api.api import api

from ..audit.test_read_coverage import _walk
from ..conftest import PASSWORD

# Pages a half-signed-in user must reach to finish signing in; none shows data.
OPEN = {"login/", "logout/", "mfa/", "mfa/enrol/", "language/", "healthz"}


def _concrete(route: str) -> str:
    return "/" + re.sub(r"<int:[a-z_]+>", "1", route)


def _routes() -> list[str]:
    return sorted(
        _concrete(route)
        for route, _p in _walk(get_resolver().url_patterns)
        if not route.startswith("api/v1/") and route not in OPEN
    )


def _api_paths() -> list[str]:
    schema = api.get_openapi_schema()
    return sorted(re.sub(r"\{[a-z_]+\}", "1", path) for path in schema["paths"])


@pytest.fixture
def password_only(client, make_user):
    admin = make_user("administrator")
    dpo = make_user("dpo")
    return admin, dpo


@pytest.mark.parametrize("role", ["administrator", "dpo"])
def test_every_page_redirects_to_mfa(client, make_user, role):
    user = make_user(role)
    client.post("/login/", {"username": user.username, "password": PASSWORD})
    assert "_auth_user_id" in client.session
    routes = _routes()
    assert len(routes) >= 12
    for url in routes:
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, url
            assert response["Location"] == "/mfa/", url


@pytest.mark.parametrize("role", ["administrator", "dpo"])
def test_every_api_operation_refuses(client, make_user, role):
    user = make_user(role)
    client.post("/login/", {"username": user.username, "password": PASSWORD})
    paths = _api_paths()
    assert "/api/v1/audit/events" in paths
    for path in paths:
        response = client.get(path)
        assert response.status_code == 401, path
        assert response.json()["error"]["code"] == "unauthorised"


def test_mfa_pages_themselves_show_no_data(client, make_user):
    user = make_user("dpo")
    client.post("/login/", {"username": user.username, "password": PASSWORD})
    page = client.get("/mfa/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "access-log" not in html
    assert user.full_name not in html  # not even the account's own name
    client.post("/language/", {"language": "en", "next": "/mfa/"})
    user.refresh_from_db()
    assert user.language == "sr"  # a half-signed-in session changes nothing on the account


def test_refusals_at_the_mfa_gate_are_recorded(client, make_user):
    from zastita.audit.models import Action

    from ..conftest import events

    user = make_user("dpo")
    client.post("/login/", {"username": user.username, "password": PASSWORD})
    client.get("/audit/access-log/")
    client.get("/api/v1/audit/events")
    denied = events(action=Action.DENIED, object_type="mfa_required", actor=user)
    assert len(denied) == 2
