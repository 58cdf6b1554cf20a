"""The partner register and API keys: success, forbidden-as-404 and invalid input."""

from __future__ import annotations

import pytest

from zastita.audit.models import Action
from zastita.partners.models import ApiKey, Organisation
from zastita.partners.services import api_key_digest

from ..conftest import events, sign_in

ORG = {
    "name": "Дом здравља Тест",
    "sector": "health",
    "municipality": "Крагујевац",
    "is_active": "on",
}


def test_organisation_list_and_create(client, admin_user, organisation):
    sign_in(client, admin_user)
    assert organisation.name in client.get("/partners/").content.decode()
    response = client.post("/partners/new/", ORG)
    assert response.status_code == 302
    org = Organisation.objects.get(name=ORG["name"])
    assert events(action=Action.CREATE, object_type="organisation", object_id=str(org.pk))


def test_organisation_edit(client, admin_user, organisation):
    sign_in(client, admin_user)
    assert client.get(f"/partners/{organisation.pk}/").status_code == 200
    response = client.post(
        f"/partners/{organisation.pk}/", {**ORG, "version": organisation.version}
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == ORG["name"]


@pytest.mark.parametrize("role", ["worker", "dpo", "partner_reporter"])
def test_partners_forbidden_looks_like_not_found(client, make_user, organisation, role):
    sign_in(client, make_user(role))
    assert client.get("/partners/").status_code == 404
    assert client.get("/partners/new/").status_code == 404
    assert client.get(f"/partners/{organisation.pk}/").status_code == 404
    assert client.post(f"/partners/{organisation.pk}/keys/", {}).status_code == 404


@pytest.mark.parametrize(
    ("change", "field"), [({"sector": "pirates"}, "sector"), ({"name": ""}, "name")]
)
def test_organisation_invalid(client, admin_user, change, field):
    sign_in(client, admin_user)
    response = client.post("/partners/new/", {**ORG, **change})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert response.context["form"].data["municipality"] == ORG["municipality"]


def test_duplicate_organisation_is_refused(client, admin_user, organisation):
    sign_in(client, admin_user)
    response = client.post(
        "/partners/new/",
        {
            "name": organisation.name,
            "sector": "education",
            "municipality": organisation.municipality,
        },
    )
    assert "name" in response.context["form"].errors


def test_api_key_is_shown_once_and_stored_hashed(client, admin_user, organisation):
    sign_in(client, admin_user)
    response = client.post(
        f"/partners/{organisation.pk}/keys/",
        {"label": "Школски систем", "capabilities": ["reference.read"]},
    )
    assert response.status_code == 200
    raw = response.context["raw"]
    key = ApiKey.objects.get(organisation=organisation)
    assert key.digest == api_key_digest(raw)
    assert raw not in str(ApiKey.objects.values_list())
    page = client.get(f"/partners/{organisation.pk}/").content.decode()
    assert raw not in page
    assert f"zk_{key.prefix}" in page


def test_api_key_invalid(client, admin_user, organisation):
    sign_in(client, admin_user)
    response = client.post(f"/partners/{organisation.pk}/keys/", {"label": "x"})
    assert response.status_code == 200
    assert "capabilities" in response.context["key_form"].errors
    assert not ApiKey.objects.exists()


def test_api_key_revoke(client, admin_user, organisation):
    from zastita.partners.services import api_key_issue

    key, _raw = api_key_issue(
        actor=admin_user, organisation=organisation, label="x", capabilities=["reference.read"]
    )
    sign_in(client, admin_user)
    response = client.post(f"/partners/{organisation.pk}/keys/{key.pk}/revoke/")
    assert response.status_code == 302
    key.refresh_from_db()
    assert key.revoked_at is not None


def test_api_key_revoke_forbidden_and_missing(client, admin_user, worker_user, organisation):
    from zastita.partners.services import api_key_issue

    key, _raw = api_key_issue(
        actor=admin_user, organisation=organisation, label="x", capabilities=["reference.read"]
    )
    sign_in(client, worker_user)
    assert client.post(f"/partners/{organisation.pk}/keys/{key.pk}/revoke/").status_code == 404
    sign_in(client, admin_user)
    assert client.post(f"/partners/{organisation.pk}/keys/99999/revoke/").status_code == 404
    key.refresh_from_db()
    assert key.revoked_at is None
