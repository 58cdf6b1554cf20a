"""Secrets typed at any sign-in step are kept nowhere and shown back nowhere.

A canary secret is posted to every step (password sign-in, second factor, recovery code,
activation code, enrolment code, password change, an account's initial password); it must
appear in no axes row, no audit event, no log record, and in no page sent back.
"""

from __future__ import annotations

import importlib
import inspect
import logging
from collections.abc import Iterator

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.apps import apps
from django.test import override_settings

from zastita.accounts import forms as account_forms
from zastita.accounts.models import Role, User
from zastita.audit.models import AuditEvent

from ..conftest import PASSWORD, sign_in

CANARY = "Kanarinac-7Q9x"  # 14 characters: fits every field, codes included


def _rows() -> Iterator[str]:
    for model in (AccessAttempt, AccessFailureLog, AccessLog, AuditEvent):
        for row in model.objects.values():
            yield from (str(value) for value in row.values())


@pytest.fixture
def watched(caplog) -> list[logging.LogRecord]:
    """Every log record, at every level, of every logger (axes' included)."""
    caplog.set_level(logging.DEBUG)
    for name in ("axes", "django", "zastita"):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog.records


def _assert_kept_nowhere(response, records, canary: str = CANARY) -> None:
    assert canary not in response.content.decode()
    stored = [value for value in _rows() if canary in value]
    assert stored == []
    logged = [r for r in records if canary in r.getMessage() or canary in str(r.args)]
    assert logged == []


def test_password_sign_in(client, worker_user, watched):
    response = client.post("/login/", {"username": worker_user.username, "password": CANARY})
    assert response.status_code == 200
    assert AccessAttempt.objects.count() == 1  # the failure was recorded…
    _assert_kept_nowhere(response, watched)  # …without the password


@pytest.mark.parametrize("code", [CANARY, "c4n4ry-777777"], ids=["totp", "recovery_code"])
def test_second_factor_and_recovery_code(client, worker_user, watched, code):
    client.force_login(worker_user, backend="zastita.accounts.backends.UsernameBackend")
    response = client.post("/mfa/", {"token": code})
    assert response.status_code == 200
    assert AccessAttempt.objects.get().failures_since_start == 1
    _assert_kept_nowhere(response, watched, code)


def test_activation_code(client, make_user, watched):
    newcomer = make_user("worker", mfa=False)
    client.force_login(newcomer, backend="zastita.accounts.backends.UsernameBackend")
    response = client.post("/mfa/enrol/", {"code": CANARY})
    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert AccessAttempt.objects.get().failures_since_start == 1
    _assert_kept_nowhere(response, watched)


def test_enrolment_code(client, make_user, watched):
    newcomer = make_user("worker", mfa=False)
    client.force_login(newcomer, backend="zastita.accounts.backends.UsernameBackend")
    session = client.session
    session["_zastita_activated_user"] = newcomer.pk
    session.save()
    response = client.post("/mfa/enrol/", {"token": CANARY})
    assert response.status_code == 200
    assert "token" in response.context["form"].errors
    assert AccessAttempt.objects.get().failures_since_start == 1
    _assert_kept_nowhere(response, watched)


SHORT = "Kanar-7Q9"  # too short to be accepted as a new password


@pytest.mark.parametrize(
    ("data", "canary"),
    [
        ({"old_password": CANARY, "new_password": "x", "new_password_again": "y"}, CANARY),
        ({"old_password": PASSWORD, "new_password": SHORT, "new_password_again": SHORT}, SHORT),
        (
            {"old_password": PASSWORD, "new_password": CANARY + "a", "new_password_again": CANARY},
            CANARY,
        ),
    ],
    ids=["wrong_current", "too_short_new", "new_ones_differ"],
)
def test_password_change(client, worker_user, watched, data, canary):
    sign_in(client, worker_user)
    response = client.post("/password/", data)
    assert response.status_code == 200
    assert response.context["form"].errors
    _assert_kept_nowhere(response, watched, canary)


def test_an_accounts_initial_password_is_not_echoed(client, admin_user, watched):
    """The administrator's typo elsewhere must not send the initial password back."""
    sign_in(client, admin_user)
    response = client.post(
        "/manage/users/new/",
        {
            "username": "nova osoba",  # a space: refused
            "full_name": "Нова Особа",
            "password": CANARY + "-long-enough",
            "roles": [Role.objects.get(code="worker").pk],
        },
    )
    assert response.status_code == 200
    assert "username" in response.context["form"].errors
    assert "Нова Особа" in response.content.decode()  # what was typed is kept…
    _assert_kept_nowhere(response, watched)  # …except the password
    assert not User.objects.filter(full_name="Нова Особа").exists()


@override_settings(AXES_FAILURE_LIMIT=2)
def test_the_lockout_page_keeps_no_secret_either(client, worker_user, watched):
    client.force_login(worker_user, backend="zastita.accounts.backends.UsernameBackend")
    client.post("/mfa/", {"token": CANARY})
    response = client.post("/mfa/", {"token": CANARY})
    assert response.status_code == 429
    _assert_kept_nowhere(response, watched)


# --- no form echoes a secret ---------------------------------------------------------------

SECRET_FIELDS = {
    account_forms.LoginForm: ["password"],
    account_forms.TokenForm: ["token"],
    account_forms.ActivationForm: ["code"],
    account_forms.PasswordChangeForm: ["old_password", "new_password", "new_password_again"],
    account_forms.UserCreateForm: ["password"],
}


def _project_forms() -> Iterator[type[forms.Form]]:
    for config in apps.get_app_configs():
        if not config.name.startswith("zastita."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.Form) and cls.__module__ == module.__name__:
                yield cls


def test_the_walk_finds_the_account_forms():
    found = set(_project_forms())
    assert set(SECRET_FIELDS) <= found


def test_no_password_input_anywhere_renders_its_value():
    echoing = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in _project_forms()
        for name, field in cls.base_fields.items()
        if isinstance(field.widget, forms.PasswordInput) and field.widget.render_value
    ]
    assert echoing == []


@pytest.mark.parametrize("form_class", list(SECRET_FIELDS), ids=lambda c: c.__name__)
def test_a_bound_account_form_renders_no_secret_back(db, form_class):
    data = {name: CANARY for name in form_class.base_fields}
    form = form_class(data)
    form.is_valid()
    html = form.as_div()
    for name in SECRET_FIELDS[form_class]:
        assert CANARY not in str(form[name]), name
    # Every other text field keeps what was typed: only the secrets are blanked.
    shown = [n for n in form_class.base_fields if n not in SECRET_FIELDS[form_class]]
    if any(isinstance(form_class.base_fields[n], forms.CharField) for n in shown):
        assert CANARY in html
    else:
        assert CANARY not in html
