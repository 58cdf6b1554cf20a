"""API operations: success, forbidden-as-404 and invalid input, one error format, keys."""

from __future__ import annotations

import pytest
from django.test import Client

from zastita.audit.models import Action
from zastita.partners.models import Organisation
from zastita.partners.services import api_key_revoke

from ..conftest import events, sign_in
from ..partners.keys import issue_confirmed


@pytest.fixture
def partner_key(admin_user, organisation):
    key, raw = issue_confirmed(
        requester=admin_user,
        organisation=organisation,
        label="школски систем",
        capabilities=["reference.read", "reports.submit"],
    )
    return key, raw


def bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]


def test_openapi_is_published(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/me", "/api/v1/organisations", "/api/v1/audit/events"} <= set(schema["paths"])


# --- /me -------------------------------------------------------------------------------


def test_me_for_a_user(client, worker_user):
    sign_in(client, worker_user)
    body = client.get("/api/v1/me").json()
    assert body["kind"] == "user"
    assert body["username"] == worker_user.username
    assert body["roles"] == ["worker"]
    assert "cases.work" in body["capabilities"]
    assert events(action=Action.VIEW, object_type="user", object_id=str(worker_user.pk))


def test_me_for_a_partner_key(db, partner_key, organisation):
    key, raw = partner_key
    body = Client().get("/api/v1/me", headers=bearer(raw)).json()
    assert body["kind"] == "api_key"
    assert body["organisation"]["id"] == organisation.pk
    assert body["capabilities"] == ["reference.read", "reports.submit"]
    read = events(action=Action.VIEW, object_type="api_key")
    assert read
    assert read[0].api_key_id == key.pk
    assert read[0].actor_id is None


def test_me_unauthenticated(db):
    assert_error(Client().get("/api/v1/me"), 401, "unauthorised")


@pytest.mark.parametrize(
    "header",
    ["Bearer zk_nothing_here", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer " + "x" * 500],
)
def test_me_invalid_credentials(db, header):
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=header)
    assert_error(response, 401, "unauthorised")


def test_revoked_key_is_refused(db, admin_user, partner_key):
    key, raw = partner_key
    api_key_revoke(actor=admin_user, key=key)
    assert_error(Client().get("/api/v1/me", headers=bearer(raw)), 401, "unauthorised")


def test_key_of_inactive_organisation_is_refused(db, partner_key, organisation):
    _key, raw = partner_key
    Organisation.objects.filter(pk=organisation.pk).update(is_active=False)
    assert_error(Client().get("/api/v1/me", headers=bearer(raw)), 401, "unauthorised")


# --- /organisations ----------------------------------------------------------------------


def test_organisations_with_key_and_session(client, worker_user, partner_key, organisation):
    Organisation.objects.create(name="Стара НВО", sector="ngo_io", is_active=False)
    _key, raw = partner_key
    body = Client().get("/api/v1/organisations", headers=bearer(raw)).json()
    assert [o["name"] for o in body] == [organisation.name]
    sign_in(client, worker_user)
    assert client.get("/api/v1/organisations?sector=education").json()[0]["sector"] == "education"
    assert client.get("/api/v1/organisations?sector=police").json() == []


def test_organisations_forbidden_for_a_key_without_the_capability(db, admin_user, organisation):
    _key, raw = issue_confirmed(
        requester=admin_user, organisation=organisation, label="x", capabilities=["reports.submit"]
    )
    assert_error(Client().get("/api/v1/organisations", headers=bearer(raw)), 404, "not_found")
    assert events(action=Action.DENIED, object_type="organisation_list")


def test_organisations_invalid_sector(client, worker_user):
    sign_in(client, worker_user)
    error = assert_error(client.get("/api/v1/organisations?sector=pirates"), 422, "invalid")
    assert "sector" in error["fields"]


# --- /audit/events ---------------------------------------------------------------------


def test_audit_events_for_the_dpo(client, dpo_user, worker_user):
    sign_in(Client(), worker_user).get("/api/v1/me")
    sign_in(client, dpo_user)
    body = client.get(f"/api/v1/audit/events?actor_id={worker_user.pk}&action=view").json()
    assert body
    assert all(e["actor_id"] == worker_user.pk and e["action"] == "view" for e in body)
    assert set(body[0]) >= {"seq", "occurred_at", "object_type", "object_id", "purpose"}
    assert events(action=Action.VIEW, object_type="access_log", actor=dpo_user)


@pytest.mark.parametrize("role", ["worker", "administrator", "head_of_service", "director"])
def test_audit_events_forbidden_looks_like_not_found(client, make_user, role):
    sign_in(client, make_user(role))
    assert_error(client.get("/api/v1/audit/events"), 404, "not_found")


def test_audit_events_forbidden_for_keys(db, partner_key):
    _key, raw = partner_key
    assert_error(Client().get("/api/v1/audit/events", headers=bearer(raw)), 404, "not_found")


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("limit=0", "limit"),
        ("limit=201", "limit"),
        ("action=steal", "action"),
        ("date_from=yesterday", "date_from"),
        ("object_type=DROP%20TABLE", "object_type"),
        ("date_from=2026-02-01&date_to=2026-01-01", "date_to"),
    ],
)
def test_audit_events_invalid_input(client, dpo_user, query, field):
    sign_in(client, dpo_user)
    error = assert_error(client.get(f"/api/v1/audit/events?{query}"), 422, "invalid")
    assert field in error["fields"]


def test_a_partner_key_is_judged_alone(worker_user, partner_key):
    _key, raw = partner_key
    client = Client(enforce_csrf_checks=True)
    sign_in(client, worker_user)
    body = client.get("/api/v1/me", headers=bearer(raw)).json()
    assert body["kind"] == "api_key"


def test_a_refused_key_is_recorded_without_the_key(db):
    Client().get("/api/v1/me", headers=bearer("zk_abcdef12_not-a-real-key"))
    denied = events(action=Action.DENIED, object_type="api_key")
    assert len(denied) == 1
    assert denied[0].object_id == ""


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("get", "/api/v1/no-such-thing", 404, "not_found"),
        ("post", "/api/v1/me", 405, "method_not_allowed"),
        ("delete", "/api/v1/organisations", 405, "method_not_allowed"),
    ],
)
def test_errors_outside_operations_use_the_same_format(
    client, worker_user, method, path, status, code
):
    sign_in(client, worker_user)
    assert_error(getattr(client, method)(path), status, code)
