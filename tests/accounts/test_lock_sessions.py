"""Locking an account ends its open sessions: a lockout after five failures, and a
deactivation (which must not come back to life when the account is reactivated)."""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client

from ..conftest import sign_in


def _sessions_of(user) -> int:
    return sum(1 for s in Session.objects.all() if s.get_decoded().get(SESSION_KEY) == str(user.pk))


def test_a_lockout_ends_the_accounts_open_sessions(worker_user, make_user):
    open_session = sign_in(Client(), worker_user)
    bystander = sign_in(Client(), make_user("worker"))
    assert open_session.get("/").status_code == 200
    guesser = Client()
    for _ in range(4):
        guesser.post("/login/", {"username": worker_user.username, "password": "wrong-guess-1"})
    assert open_session.get("/").status_code == 200  # four failures lock nothing yet
    locked = guesser.post("/login/", {"username": worker_user.username, "password": "wrong-2"})
    assert locked.status_code == 429
    assert _sessions_of(worker_user) == 0
    response = open_session.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    assert bystander.get("/").status_code == 200  # nobody else's session is touched


def test_a_lockout_by_wrong_codes_ends_the_accounts_other_sessions(worker_user):
    # Someone who has the password guesses codes; the holder's verified session ends too.
    verified = sign_in(Client(), worker_user)
    guesser = Client()
    guesser.force_login(worker_user, backend="zastita.accounts.backends.UsernameBackend")
    for _ in range(5):
        guesser.post("/mfa/", {"token": "000000"})
    assert _sessions_of(worker_user) == 0
    assert verified.get("/").status_code == 302


def test_a_deactivated_account_stays_signed_out_when_reactivated(client, admin_user, worker_user):
    from .test_admin_views import _edit_data

    other = sign_in(Client(), worker_user)
    assert other.get("/").status_code == 200
    sign_in(client, admin_user)
    client.post(f"/manage/users/{worker_user.pk}/", _edit_data(worker_user, is_active=""))
    assert _sessions_of(worker_user) == 0
    worker_user.refresh_from_db()
    client.post(f"/manage/users/{worker_user.pk}/", _edit_data(worker_user, is_active="on"))
    worker_user.refresh_from_db()
    assert worker_user.is_active
    assert other.get("/").status_code == 302
    assert _sessions_of(admin_user) == 1  # the administrator's own session goes on
