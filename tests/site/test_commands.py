"""The `zastita` commands: seed, keys, totp, createuser, demo setup."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from zastita.accounts.models import Role, User
from zastita.partners.models import Organisation
from zastita.site import demo


def test_seed_demo_is_idempotent(db):
    call_command("seed", demo=True, stdout=io.StringIO())
    counts = (User.objects.count(), Organisation.objects.count())
    hashes = dict(User.objects.values_list("username", "password"))
    call_command("seed", demo=True, stdout=io.StringIO())
    assert (User.objects.count(), Organisation.objects.count()) == counts
    assert dict(User.objects.values_list("username", "password")) == hashes
    assert counts[0] == len(demo.ACCOUNTS)
    roles = {u.username: u.role_codes for u in User.objects.prefetch_related("roles")}
    assert set(roles.values()) == set(Role.objects.values_list("code", flat=True))


def test_the_demo_has_a_roster_covering_now_and_reports_at_each_stage(db):
    from zastita.intake.models import Report, Shift
    from zastita.intake.roster import on_duty

    call_command("seed", demo=True, stdout=io.StringIO())
    shifts, reports = Shift.objects.count(), Report.objects.count()
    call_command("seed", demo=True, stdout=io.StringIO())
    assert (Shift.objects.count(), Report.objects.count()) == (shifts, reports)
    assert [u.username for u in on_duty().primary] in (["dezurni"], ["radnik"])
    assert set(Report.objects.values_list("status", flat=True)) == {
        "received", "registered", "accepted", "identification",
    }  # fmt: skip
    from zastita.identification.models import Assessment, Identification

    assert Identification.objects.count() == 1
    assert Assessment.objects.get().outcome == "INSUFFICIENT_INFORMATION"


def test_seed_persons_is_deterministic(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    call_command("seed", persons=50, seed=3, output=str(a))
    call_command("seed", persons=50, seed=3, output=str(b))
    assert a.read_text() == b.read_text()
    rows = [json.loads(line) for line in a.read_text().splitlines()]
    assert len(rows) == 50
    cyrillic = [r for r in rows if r["written_as"] == "cyrillic"]
    assert cyrillic
    assert all("\u0400" <= r["surname"][0] <= "\u04ff" for r in cyrillic)


def test_seed_needs_an_option():
    with pytest.raises(CommandError):
        call_command("seed")


def test_keys_init_creates_a_private_file_once(tmp_path):
    path = tmp_path / "keys.json"
    with override_settings(ZASTITA_KEYS="", ZASTITA_KEYS_FILE=str(path)):
        call_command("keys", "init", stdout=io.StringIO())
        first = path.read_text()
        assert oct(path.stat().st_mode & 0o777) == "0o600"
        call_command("keys", "init", stdout=io.StringIO())
        assert path.read_text() == first


def test_totp_prints_the_current_code(worker_user):
    from ..conftest import current_code

    out = io.StringIO()
    call_command("totp", worker_user.username, stdout=out)
    assert out.getvalue().strip() == current_code(worker_user)


def test_totp_is_off_outside_the_demo(worker_user):
    with override_settings(ZASTITA_DEMO_TOOLS=False), pytest.raises(CommandError):
        call_command("totp", worker_user.username)


def test_createuser_bootstraps_an_administrator(db, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("a-very-long-password-42\n"))
    call_command(
        "createuser", username="prvi.admin", full_name="Први администратор",
        role=["administrator"], password_stdin=True, stdout=io.StringIO(),
    )  # fmt: skip
    user = User.objects.get(username="prvi.admin")
    assert user.role_codes == "administrator"
    assert user.check_password("a-very-long-password-42")


@pytest.mark.parametrize(
    ("roles", "password", "message"),
    [
        (["administrator", "worker"], "a-very-long-password-42", "cannot be combined"),
        (["administrator", "dpo"], "a-very-long-password-42", "cannot be combined"),
        (["nonexistent"], "a-very-long-password-42", "Unknown role"),
        (["worker"], "short", "12"),
    ],
)
def test_createuser_refuses_bad_input(db, monkeypatch, roles, password, message):
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    with pytest.raises(CommandError, match=message):
        call_command(
            "createuser", username="x.user", full_name="X", role=roles, password_stdin=True
        )
    assert not User.objects.filter(username="x.user").exists()


def test_console_command_runs(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "zastita", "help"],
        capture_output=True, text=True, timeout=60, check=False,
        env={
            "PATH": "/usr/bin:/bin",
            "ZASTITA_VAR_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "zastita.config.settings.local",
        },
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for name in ("demo", "serve", "worker", "seed", "createuser", "totp", "audit", "keys"):
        assert name in result.stdout


def test_the_demo_database_is_private_like_the_key_file(tmp_path):
    import os
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ZASTITA_"))}
    env.pop("DATABASE_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="zastita.config.settings.local",
        ZASTITA_VAR_DIR=str(tmp_path),
        PYTHONPATH=str(root / "src"),
    )
    result = subprocess.run(
        [sys.executable, "-m", "zastita", "demo", "--no-serve"],
        env=env, capture_output=True, text=True, timeout=300, check=False,
        preexec_fn=lambda: os.umask(0o022),  # a permissive umask, as on many servers
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    database = tmp_path / "zastita.sqlite3"
    assert oct(database.stat().st_mode & 0o777) == "0o600"
    assert oct((tmp_path / "keys.json").stat().st_mode & 0o777) == "0o600"
    for companion in (tmp_path / "zastita.sqlite3-wal", tmp_path / "zastita.sqlite3-shm"):
        if companion.exists():
            assert oct(companion.stat().st_mode & 0o777) == "0o600", companion.name


def test_the_demo_database_is_private_before_anything_connects_to_it(tmp_path):
    """The final mode is not enough: a file opened while still world-readable stays readable
    through that descriptor after a chmod. Every connection must find it already 0600."""
    import os
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ZASTITA_"))}
    env.pop("DATABASE_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="zastita.config.settings.local",
        ZASTITA_VAR_DIR=str(tmp_path),
        PYTHONPATH=str(root / "src"),
    )
    watch = (
        "import os, sys\n"
        "from sqlite3 import dbapi2\n"
        "connect = dbapi2.connect\n"
        "def watched(*args, **kwargs):\n"
        "    name = str(kwargs.get('database', args[0] if args else ''))\n"
        "    mode = oct(os.stat(name).st_mode & 0o777) if os.path.exists(name) else 'absent'\n"
        "    print('CONNECT', mode, file=sys.stderr)\n"
        "    return connect(*args, **kwargs)\n"
        "dbapi2.connect = watched\n"
        "from zastita.cli import main\n"
        "main(['demo', '--no-serve'])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", watch],
        env=env, capture_output=True, text=True, timeout=300, check=False,
        preexec_fn=lambda: os.umask(0o022),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    modes = [line.split()[1] for line in result.stderr.splitlines() if line.startswith("CONNECT")]
    assert modes
    assert set(modes) == {"0o600"}
