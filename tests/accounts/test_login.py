"""Sign-in: one answer for every failure, lockout, Argon2, MFA, sessions and logout."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.test import override_settings

from zastita.accounts.middleware import SESSION_LAST_SEEN, SESSION_STARTED
from zastita.accounts.models import SealedTOTPDevice
from zastita.audit.models import Action

from ..conftest import PASSWORD, current_code, events, normalise, sign_in


def _login(client, username, password):
    return client.post("/login/", {"username": username, "password": password})


def test_password_then_totp_signs_in(client, worker_user):
    response = _login(client, worker_user.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/mfa/"
    assert client.get("/").status_code == 302  # a password alone opens nothing
    response = client.post("/mfa/", {"token": current_code(worker_user)})
    assert response.status_code == 302
    assert response["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200
    # The page refused before MFA is recorded, then the sign-in.
    assert [e.action for e in events(actor=worker_user)] == [Action.DENIED, Action.LOGIN]


def test_unknown_user_and_wrong_password_get_the_same_answer(client, worker_user):
    unknown = _login(client, "nobody-here", "whatever-password-1")
    wrong = _login(client, worker_user.username, "whatever-password-1")
    assert unknown.status_code == wrong.status_code == 200
    assert normalise(unknown.content).replace("nobody-here", "X") == normalise(
        wrong.content
    ).replace(worker_user.username, "X")
    assert "The username or password is not correct." in wrong.content.decode() or (
        "нису исправни" in wrong.content.decode()
    )


def test_inactive_account_gets_the_same_answer(client, worker_user):
    worker_user.is_active = False
    worker_user.save()
    response = _login(client, worker_user.username, PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_the_account(client, worker_user):
    for _ in range(4):
        assert _login(client, worker_user.username, "wrong-password-xyz").status_code == 200
    # The fifth failure locks the account; from then on even the right password is refused.
    assert _login(client, worker_user.username, "wrong-password-xyz").status_code == 429
    locked = _login(client, worker_user.username, PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    failed = events(action=Action.LOGIN_FAILED, object_type="user")
    assert len(failed) >= 5
    assert {e.object_id for e in failed} == {str(worker_user.pk)}


def test_an_unknown_username_locks_the_same_way(client, db):
    for _ in range(5):
        _login(client, "ghost", "wrong-password-xyz")
    assert _login(client, "ghost", "wrong-password-xyz").status_code == 429


def test_the_administrator_unlocks_a_locked_account(client, worker_user, admin_user):
    for _ in range(5):
        _login(client, worker_user.username, "wrong-password-xyz")
    sign_in(client, admin_user)
    assert client.post(f"/manage/users/{worker_user.pk}/unlock/").status_code == 302
    client.logout()
    assert _login(client, worker_user.username, PASSWORD).status_code == 302


def test_production_hashers_use_argon2():
    from zastita.config.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        assert make_password("some-long-password").startswith("argon2$argon2id$")


def test_totp_code_cannot_be_replayed(client, worker_user):
    code = current_code(worker_user)
    _login(client, worker_user.username, PASSWORD)
    assert client.post("/mfa/", {"token": code}).status_code == 302
    client.post("/logout/")
    _login(client, worker_user.username, PASSWORD)
    replay = client.post("/mfa/", {"token": code})
    assert replay.status_code == 200
    assert client.get("/").status_code == 302


def test_wrong_codes_count_towards_the_lockout_across_sign_ins(client, worker_user):
    for attempt in range(5):
        if attempt in (0, 3):
            assert _login(client, worker_user.username, PASSWORD).status_code == 302
        SealedTOTPDevice.objects.filter(user=worker_user).update(throttling_failure_count=0)
        response = client.post("/mfa/", {"token": "000000"})
    # The fifth wrong code locks the account and ends the half-open session.
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert _login(client, worker_user.username, PASSWORD).status_code == 429
    failed = events(action=Action.LOGIN_FAILED, object_type="user_mfa")
    assert len(failed) == 5
    assert {e.object_id for e in failed} == {str(worker_user.pk)}


def test_a_full_sign_in_clears_earlier_failures(client, worker_user):
    for _ in range(3):
        _login(client, worker_user.username, "wrong-password-xyz")
    _login(client, worker_user.username, PASSWORD)
    client.post("/mfa/", {"token": current_code(worker_user)})
    client.post("/logout/")
    for _ in range(4):
        assert _login(client, worker_user.username, "wrong-password-xyz").status_code == 200


def test_recovery_code_works_once(client, make_user):
    from zastita.accounts.services import mfa_new_recovery_codes

    user = make_user("worker")
    codes = mfa_new_recovery_codes(user=user)
    _login(client, user.username, PASSWORD)
    assert client.post("/mfa/", {"token": codes[0]}).status_code == 302
    client.post("/logout/")
    _login(client, user.username, PASSWORD)
    assert client.post("/mfa/", {"token": codes[0]}).status_code == 200


def _enrol(client, user, code):
    from django_otp.oath import totp

    response = _login(client, user.username, PASSWORD)
    assert response["Location"] == "/mfa/enrol/"
    first = client.get("/mfa/enrol/")
    assert b"<svg" not in first.content  # no secret before the activation code
    assert client.post("/mfa/enrol/", {"code": code}).status_code == 302
    page = client.get("/mfa/enrol/")
    assert b"<svg" in page.content
    device = SealedTOTPDevice.objects.get(user=user, confirmed=False)
    return f"{totp(device.bin_key):06d}"


def test_enrolment_needs_an_activation_code_from_a_second_person(client, make_user):
    from zastita.accounts.services import activation_issue

    head = make_user("head_of_service")
    user = make_user("worker", mfa=False)
    code = activation_issue(actor=head, user=user)
    totp_code = _enrol(client, user, code)
    wrong = client.post("/mfa/enrol/", {"token": "123456"})
    assert wrong.status_code == 200
    assert not SealedTOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert events(action=Action.LOGIN_FAILED, object_type="user_mfa")  # kept, not rolled back
    device = SealedTOTPDevice.objects.get(user=user, confirmed=False)
    assert device.throttling_failure_count == 1  # the throttle is kept too
    SealedTOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    done = client.post("/mfa/enrol/", {"token": totp_code})
    assert done.status_code == 200
    assert len(done.context["codes"]) == 10
    assert client.get("/").status_code == 200
    user.refresh_from_db()
    assert user.activation_digest == ""  # the code works once


def test_a_password_alone_cannot_enrol(client, make_user):
    user = make_user("worker", mfa=False)
    _login(client, user.username, PASSWORD)
    for guess in ("AAAAA-BBBBB", "", "12345-67890"):
        response = client.post("/mfa/enrol/", {"code": guess})
        assert response.status_code == 200
        assert b"<svg" not in response.content
    assert not SealedTOTPDevice.objects.filter(user=user).exists()


def test_an_expired_activation_code_is_refused(client, make_user):
    from datetime import timedelta

    from django.utils import timezone

    from zastita.accounts.services import activation_issue

    user = make_user("worker", mfa=False)
    code = activation_issue(actor=make_user("head_of_service"), user=user)
    user.activation_expires_at = timezone.now() - timedelta(minutes=1)
    user.save()
    _login(client, user.username, PASSWORD)
    assert client.post("/mfa/enrol/", {"code": code}).status_code == 200
    assert client.get("/mfa/enrol/").content.count(b"<svg") == 0


def test_logout_ends_the_session_on_the_server(client, worker_user):
    sign_in(client, worker_user)
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    response = client.post("/logout/")
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    # The old cookie opens nothing any more.
    client.cookies["zastita_session"] = key
    assert client.get("/").status_code == 302
    assert events(action=Action.LOGOUT, actor=worker_user)


def test_logout_only_by_post(client, worker_user):
    sign_in(client, worker_user)
    assert client.get("/logout/").status_code == 405
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    ("key", "age"), [(SESSION_LAST_SEEN, 16 * 60), (SESSION_STARTED, 10 * 3600 + 1)]
)
def test_idle_and_absolute_timeouts_end_the_session(client, worker_user, key, age):
    sign_in(client, worker_user)
    assert client.get("/").status_code == 200
    session = client.session
    now = time.time()
    session[SESSION_STARTED] = now - 60
    session[SESSION_LAST_SEEN] = now - 30
    session[key] = now - age
    session.save()
    old_key = session.session_key
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/login/"
    assert not Session.objects.filter(session_key=old_key).exists()
    assert client.get("/").status_code == 302


def test_activity_within_the_idle_limit_keeps_the_session(client, worker_user):
    sign_in(client, worker_user)
    session = client.session
    session[SESSION_LAST_SEEN] = time.time() - 14 * 60
    session.save()
    assert client.get("/").status_code == 200


def test_next_parameter_rejects_other_hosts(client, worker_user):
    _login(client, worker_user.username, PASSWORD)
    response = client.post("/mfa/?next=https://evil.example/", {"token": current_code(worker_user)})
    assert response["Location"] == "/"
