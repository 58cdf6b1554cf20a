"""User and role administration: success, forbidden-as-404 and invalid input for each view."""

from __future__ import annotations

import pytest

from zastita.accounts.models import Role, User
from zastita.audit.models import Action

from ..conftest import PASSWORD, events, sign_in

NEW_USER = {
    "username": "novi.radnik",
    "full_name": "Нови Радник",
    "email": "novi@example.org",
    "password": "a-long-enough-password-7",
}


@pytest.fixture
def worker_role(db):
    return Role.objects.get(code="worker")


@pytest.fixture
def admin_role(db):
    return Role.objects.get(code="administrator")


# --- list ------------------------------------------------------------------------------


def test_user_list(client, admin_user, worker_user, make_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sign_in(client, admin_user)
    client.get("/manage/users/")  # the first audit event also creates the chain head
    with CaptureQueriesContext(connection) as few:
        response = client.get("/manage/users/")
    assert response.status_code == 200
    for _ in range(8):
        make_user("worker")
    with CaptureQueriesContext(connection) as many:
        client.get("/manage/users/")
    # The selector prefetches: more users, same number of queries.
    assert len(many) == len(few) <= 22
    assert worker_user.username in response.content.decode()
    viewed = {e.object_id for e in events(action=Action.VIEW, object_type="user")}
    assert {str(admin_user.pk), str(worker_user.pk)} <= viewed


@pytest.mark.parametrize("role", ["worker", "dpo", "director", "head_of_service"])
def test_user_list_forbidden_looks_like_not_found(client, make_user, role):
    sign_in(client, make_user(role))
    assert client.get("/manage/users/").status_code == 404
    assert events(action=Action.DENIED, object_type="user_list")


# --- create ----------------------------------------------------------------------------


def test_user_create(client, admin_user, worker_role):
    sign_in(client, admin_user)
    response = client.post("/manage/users/new/", {**NEW_USER, "roles": [worker_role.pk]})
    assert response.status_code == 302
    user = User.objects.get(username="novi.radnik")
    assert list(user.roles.all()) == [worker_role]
    assert user.check_password(NEW_USER["password"])
    assert events(action=Action.CREATE, object_type="user", object_id=str(user.pk))


def test_user_create_forbidden(client, worker_user, worker_role):
    sign_in(client, worker_user)
    assert client.get("/manage/users/new/").status_code == 404
    response = client.post("/manage/users/new/", {**NEW_USER, "roles": [worker_role.pk]})
    assert response.status_code == 404
    assert not User.objects.filter(username="novi.radnik").exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"username": "Bad Name!"}, "username"),
        ({"password": "short"}, "password"),
        ({"password": "12345678901234"}, "password"),
        ({"email": "not-an-email"}, "email"),
        ({"full_name": ""}, "full_name"),
    ],
)
def test_user_create_invalid_keeps_input(client, admin_user, change, field):
    sign_in(client, admin_user)
    data = {**NEW_USER, **change}
    response = client.post("/manage/users/new/", data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    # Everything typed is still in the form.
    assert response.context["form"].data["full_name"] == data["full_name"]
    assert not User.objects.filter(full_name=NEW_USER["full_name"]).exists()


@pytest.mark.parametrize("other", ["worker", "dpo", "analyst"])
def test_user_create_refuses_admin_with_any_other_role(client, admin_user, admin_role, other):
    sign_in(client, admin_user)
    other_role = Role.objects.get(code=other)
    response = client.post(
        "/manage/users/new/", {**NEW_USER, "roles": [other_role.pk, admin_role.pk]}
    )
    assert response.status_code == 200
    assert "roles" in response.context["form"].errors
    assert not User.objects.filter(username="novi.radnik").exists()


def test_partner_reporter_needs_an_organisation(client, admin_user):
    sign_in(client, admin_user)
    role = Role.objects.get(code="partner_reporter")
    response = client.post("/manage/users/new/", {**NEW_USER, "roles": [role.pk]})
    assert "organisation" in response.context["form"].errors


def test_duplicate_username_is_refused(client, admin_user, worker_user):
    sign_in(client, admin_user)
    response = client.post("/manage/users/new/", {**NEW_USER, "username": worker_user.username})
    assert "username" in response.context["form"].errors


# --- edit ------------------------------------------------------------------------------


def _edit_data(user: User, **change: object) -> dict[str, object]:
    data: dict[str, object] = {
        "full_name": user.full_name,
        "email": user.email,
        "roles": [r.pk for r in user.roles.all()],
        "is_active": "on" if user.is_active else "",
        "version": user.version,
    }
    data.update(change)
    return {k: v for k, v in data.items() if v != ""}


def test_user_edit(client, admin_user, worker_user):
    sign_in(client, admin_user)
    page = client.get(f"/manage/users/{worker_user.pk}/")
    assert page.status_code == 200
    response = client.post(
        f"/manage/users/{worker_user.pk}/", _edit_data(worker_user, full_name="Ново Име")
    )
    assert response.status_code == 302
    worker_user.refresh_from_db()
    assert worker_user.full_name == "Ново Име"
    assert worker_user.version == 2
    assert events(action=Action.UPDATE, object_type="user", object_id=str(worker_user.pk))


def test_user_edit_forbidden_looks_like_not_found(client, worker_user, admin_user):
    sign_in(client, worker_user)
    assert client.get(f"/manage/users/{admin_user.pk}/").status_code == 404
    assert client.post(f"/manage/users/{admin_user.pk}/", _edit_data(admin_user)).status_code == 404
    assert client.get("/manage/users/424242/").status_code == 404


def test_user_edit_missing_is_not_found(client, admin_user):
    sign_in(client, admin_user)
    assert client.get("/manage/users/424242/").status_code == 404


def test_user_edit_invalid(client, admin_user, worker_user):
    sign_in(client, admin_user)
    response = client.post(
        f"/manage/users/{worker_user.pk}/", _edit_data(worker_user, email="bad", full_name="X Y")
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert response.context["form"].data["full_name"] == "X Y"
    worker_user.refresh_from_db()
    assert worker_user.full_name != "X Y"


def test_user_edit_stale_version_is_a_conflict(client, admin_user, worker_user):
    sign_in(client, admin_user)
    stale = _edit_data(worker_user, full_name="Прва измена")
    client.post(f"/manage/users/{worker_user.pk}/", stale)
    second = client.post(f"/manage/users/{worker_user.pk}/", {**stale, "full_name": "Друга"})
    assert second.status_code == 200
    assert second.context["form"].non_field_errors()
    worker_user.refresh_from_db()
    assert worker_user.full_name == "Прва измена"


def test_administrator_cannot_change_own_roles(client, admin_user, worker_role):
    sign_in(client, admin_user)
    response = client.post(
        f"/manage/users/{admin_user.pk}/", _edit_data(admin_user, roles=[worker_role.pk])
    )
    assert response.status_code == 200
    assert "roles" in response.context["form"].errors
    assert [r.code for r in admin_user.roles.all()] == ["administrator"]


def test_deactivated_user_is_signed_out(client, admin_user, worker_user):
    from django.test import Client

    other = sign_in(Client(), worker_user)
    assert other.get("/").status_code == 200
    sign_in(client, admin_user)
    client.post(f"/manage/users/{worker_user.pk}/", _edit_data(worker_user, is_active=""))
    assert other.get("/").status_code == 302


def test_reset_mfa_forces_enrolment_with_a_new_activation(client, admin_user, worker_user):
    sign_in(client, admin_user)
    assert client.post(f"/manage/users/{worker_user.pk}/reset-mfa/").status_code == 302
    from django.test import Client

    fresh = Client()
    response = fresh.post("/login/", {"username": worker_user.username, "password": PASSWORD})
    assert response["Location"] == "/mfa/enrol/"


def test_reset_mfa_and_unlock_forbidden(client, worker_user, admin_user):
    sign_in(client, worker_user)
    assert client.post(f"/manage/users/{admin_user.pk}/reset-mfa/").status_code == 404
    assert client.post(f"/manage/users/{admin_user.pk}/unlock/").status_code == 404


def test_reset_own_mfa_is_refused(client, admin_user):
    sign_in(client, admin_user)
    response = client.post(f"/manage/users/{admin_user.pk}/reset-mfa/", follow=True)
    assert response.status_code == 200
    assert admin_user.sealedtotpdevice_set.exists()


# --- roles -----------------------------------------------------------------------------


def test_role_list_and_edit(client, admin_user):
    sign_in(client, admin_user)
    assert "Стручни радник" in client.get("/manage/roles/").content.decode()
    role = Role.objects.get(code="analyst")
    response = client.post(
        f"/manage/roles/{role.pk}/",
        {
            "name_sr": "Аналитичар података",
            "name_en": "Data analyst",
            "capabilities": ["statistics.read"],
            "version": role.version,
        },
    )
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.name_sr == "Аналитичар података"
    assert events(action=Action.UPDATE, object_type="role", object_id=str(role.pk))


def test_role_create(client, admin_user):
    sign_in(client, admin_user)
    response = client.post(
        "/manage/roles/new/",
        {"code": "intern", "name_sr": "Приправник", "name_en": "Intern", "capabilities": []},
    )
    assert response.status_code == 302
    assert Role.objects.filter(code="intern").exists()


def test_roles_forbidden_looks_like_not_found(client, worker_user):
    sign_in(client, worker_user)
    role = Role.objects.get(code="worker")
    assert client.get("/manage/roles/").status_code == 404
    assert client.get(f"/manage/roles/{role.pk}/").status_code == 404
    assert client.get("/manage/roles/new/").status_code == 404


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name_sr": "Latin only", "name_en": "X", "capabilities": []}, "name_sr"),
        ({"name_sr": "Улога", "name_en": "X", "capabilities": ["bogus"]}, "capabilities"),
        (
            {"name_sr": "Улога", "name_en": "X", "capabilities": ["users.manage", "cases.work"]},
            "capabilities",
        ),
    ],
)
def test_role_invalid(client, admin_user, data, field):
    sign_in(client, admin_user)
    response = client.post("/manage/roles/new/", {"code": "newrole", **data})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Role.objects.filter(code="newrole").exists()


def test_administrator_cannot_widen_a_role_they_hold(client, admin_user):
    sign_in(client, admin_user)
    role = Role.objects.get(code="administrator")
    response = client.post(
        f"/manage/roles/{role.pk}/",
        {
            "name_sr": role.name_sr,
            "name_en": role.name_en,
            "capabilities": ["users.manage", "reference.manage", "audit.read"],
            "version": role.version,
        },
    )
    assert response.status_code == 200
    assert "capabilities" in response.context["form"].errors
    role.refresh_from_db()
    assert "audit.read" not in role.capabilities


def test_role_change_cannot_give_admins_other_capabilities(client, make_user):
    other_admin = make_user("administrator")
    make_user("administrator")  # holds the role being edited
    helper = Role.objects.create(
        code="helpdesk", name_sr="Подршка", name_en="Helpdesk", capabilities=["users.manage"]
    )
    other_admin.roles.set([helper])
    sign_in(client, other_admin)
    role = Role.objects.get(code="administrator")
    response = client.post(
        f"/manage/roles/{role.pk}/",
        {
            "name_sr": role.name_sr,
            "name_en": role.name_en,
            "capabilities": ["users.manage", "statistics.read"],
            "version": role.version,
        },
    )
    assert response.status_code == 200
    role.refresh_from_db()
    assert "statistics.read" not in role.capabilities
