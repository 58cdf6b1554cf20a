"""The two-person rule: whoever sets a password or resets MFA cannot also issue the activation
code, and administrators can never issue one."""

from __future__ import annotations

import pytest

from zastita.accounts.models import Role, User
from zastita.accounts.services import activation_issue
from zastita.audit.models import Action
from zastita.core.errors import NotFound

from ..conftest import events, sign_in


@pytest.fixture
def head(make_user) -> User:
    return make_user("head_of_service", username="head1")


@pytest.fixture
def newcomer(client, admin_user) -> User:
    sign_in(client, admin_user)
    client.post(
        "/manage/users/new/",
        {
            "username": "nova",
            "full_name": "Нова Особа",
            "password": "a-long-enough-password-7",
            "roles": [Role.objects.get(code="head_of_service").pk],
        },
    )
    client.logout()
    return User.objects.get(username="nova")


def test_the_head_of_service_lists_and_activates(client, head, newcomer):
    sign_in(client, head)
    page = client.get("/activations/")
    assert page.status_code == 200
    assert newcomer.username in page.content.decode()
    issued = client.post(f"/activations/{newcomer.pk}/issue/")
    assert issued.status_code == 200
    code = issued.context["code"]
    assert len(code) == 11
    newcomer.refresh_from_db()
    assert code not in newcomer.activation_digest
    assert events(action=Action.CREATE, object_type="user_activation", actor=head)


def test_an_administrator_cannot_activate_an_account_they_created(client, admin_user, newcomer):
    sign_in(client, admin_user)
    assert client.get("/activations/").status_code == 404
    assert client.post(f"/activations/{newcomer.pk}/issue/").status_code == 404
    with pytest.raises(NotFound):
        activation_issue(actor=admin_user, user=newcomer)


def test_nobody_activates_an_account_whose_credentials_they_set(make_user, newcomer, head):
    newcomer.credentials_set_by = head
    newcomer.save()
    with pytest.raises(NotFound):
        activation_issue(actor=head, user=newcomer)


def test_nobody_activates_their_own_account(make_user):
    lone = make_user("head_of_service", mfa=False)
    with pytest.raises(NotFound):
        activation_issue(actor=lone, user=lone)


def test_activation_forbidden_and_missing_look_the_same(client, worker_user, head, newcomer):
    sign_in(client, worker_user)
    assert client.post(f"/activations/{newcomer.pk}/issue/").status_code == 404
    sign_in(client, head)
    assert client.post("/activations/987654/issue/").status_code == 404


def test_an_enrolled_account_gets_no_code(client, head, worker_user):
    sign_in(client, head)
    assert client.post(f"/activations/{worker_user.pk}/issue/").status_code == 404
    worker_user.refresh_from_db()
    assert worker_user.activation_digest == ""


def test_the_admins_known_password_opens_nothing_without_the_code(client, newcomer):
    response = client.post("/login/", {"username": "nova", "password": "a-long-enough-password-7"})
    assert response["Location"] == "/mfa/enrol/"
    assert client.get("/").status_code == 302
    assert client.get("/api/v1/me").status_code == 401


def test_head_sees_waiting_accounts_on_the_home_page(client, head, newcomer):
    sign_in(client, head)
    home = client.get("/")
    assert "/activations/" in home.content.decode()


def test_reset_mfa_records_who_did_it(client, admin_user, worker_user):
    sign_in(client, admin_user)
    client.post(f"/manage/users/{worker_user.pk}/reset-mfa/")
    worker_user.refresh_from_db()
    assert worker_user.credentials_set_by == admin_user
