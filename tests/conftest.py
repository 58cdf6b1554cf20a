"""Shared fixtures: users per role, a fully signed-in (password + TOTP) client, and helpers."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from zastita.accounts.models import Role, SealedTOTPDevice, User
from zastita.audit.models import AuditEvent
from zastita.partners.models import Organisation, Sector

PASSWORD = "correct-horse-battery-9"

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def current_code(user: User) -> str:
    return SealedTOTPDevice.objects.get(user=user, confirmed=True).current_code()


@pytest.fixture
def organisation(db) -> Organisation:
    return Organisation.objects.create(
        name="Тест школа", sector=Sector.EDUCATION, municipality="Ниш"
    )


@pytest.fixture
def make_user(db, organisation) -> Callable[..., User]:
    counter = {"n": 0}

    def make(role: str | None = None, *, username: str | None = None, mfa: bool = True) -> User:
        counter["n"] += 1
        name = username or f"{role or 'user'}{counter['n']}".replace("_", "")
        user = User(
            username=name,
            full_name=f"Тест {name}",
            organisation=organisation if role == "partner_reporter" else None,
        )
        user.set_password(PASSWORD)
        user.save()
        if role:
            user.roles.set([Role.objects.get(code=role)])
        if mfa:
            SealedTOTPDevice.issue(user=user, name="test", confirmed=True)
        return user

    return make


def sign_in(client: Client, user: User) -> Client:
    """A session that passed both password and TOTP, as after a real sign-in."""
    client.force_login(user, backend="zastita.accounts.backends.UsernameBackend")
    device = SealedTOTPDevice.objects.get(user=user, confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def signed_in(client) -> Callable[[User], Client]:
    return lambda user: sign_in(client, user)


@pytest.fixture
def admin_user(make_user) -> User:
    return make_user("administrator", username="admin1")


@pytest.fixture
def dpo_user(make_user) -> User:
    return make_user("dpo", username="dpo1")


@pytest.fixture
def worker_user(make_user) -> User:
    return make_user("worker", username="worker1")


@pytest.fixture
def partner_user(make_user) -> User:
    return make_user("partner_reporter", username="partner1")


def events(**filters: object) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(**filters).order_by("seq"))


def normalise(html: bytes) -> str:
    """A page without its per-response tokens (CSP nonce, CSRF token, request id)."""
    import re

    text = html.decode()
    text = re.sub(r'nonce="[^"]+"', 'nonce=""', text)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken"', text)


@pytest.fixture
def local_env(tmp_path) -> dict[str, str]:
    """The environment of a throwaway local instance (own key file and SQLite database in
    tmp_path), already migrated, for tests that run `zastita` in another process."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ZASTITA_"))}
    env.pop("DATABASE_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="zastita.config.settings.local",
        ZASTITA_VAR_DIR=str(tmp_path),
        PYTHONPATH=str(root / "src"),
    )
    for args in (["keys", "init"], ["migrate", "-v", "0"]):
        subprocess.run(
            [sys.executable, "-m", "zastita", *args], env=env, check=True, capture_output=True
        )
    return env


def migrate_to(target: list[tuple[str, str]]) -> Any:
    """Migrates the test database to `target` (forwards or back) and returns the historical
    models of that state (an `Apps`, typed loosely: those models may no longer exist in the
    code), for tests of data migrations."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    global _migrated
    _migrated = True
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def latest(app: str) -> list[tuple[str, str]]:
    """The app's newest migration, for data-migration tests that read with today's models
    afterwards (a migration added later is then part of "after")."""
    from django.db.migrations.loader import MigrationLoader

    return [node for node in MigrationLoader(None).graph.leaf_nodes() if node[0] == app]


_migrated = False


@pytest.fixture(autouse=True)
def _schema_back_to_latest() -> Any:
    """A test that moved the schema (migrate_to) leaves it whole again for the next test,
    whatever migrations were added after the ones it tests."""
    yield
    global _migrated
    if _migrated:
        from django.db import connection
        from django.db.migrations.executor import MigrationExecutor

        _migrated = False
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())


def share(record, *users) -> None:
    """Test setup: puts `users` among the record's co-workers, so the record is in their
    need-to-know scope (the head of service would do this on the assignment page)."""
    record.coworkers.add(*users)
