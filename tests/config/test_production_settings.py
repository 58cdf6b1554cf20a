"""Production settings refuse to start insecure, and the error names what is wrong."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest

from zastita.config.settings.base import INSECURE_SECRET_KEY
from zastita.config.settings.checks import insecure_reasons

GOOD: dict[str, Any] = {
    "debug": False,
    "secret_key": "s" * 60,
    "keys": '{"active": "k1", "keys": {"k1": "' + "A" * 43 + '="}}',
    "keys_file": "",
    "mfa_required": True,
    "secure_cookies": True,
}


def test_a_secure_configuration_passes():
    assert insecure_reasons(**GOOD) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"debug": True}, "DEBUG is on"),
        ({"secret_key": INSECURE_SECRET_KEY}, "the secret key is the default"),
        ({"secret_key": "short"}, "the secret key is the default or too short"),
        ({"keys": "", "keys_file": ""}, "the encryption keys are missing"),
        ({"keys": "", "keys_file": "/nonexistent/keys.json"}, "the encryption keys are missing"),
        ({"mfa_required": False}, "MFA is disabled"),
        ({"secure_cookies": False}, "cookies are not secure"),
        ({"keys": '{"active": "k1", "keys": {}}'}, "the encryption keys are not valid"),
        ({"keys": "not json"}, "the encryption keys are not valid"),
        ({"allowed_hosts": ["*"]}, "DJANGO_ALLOWED_HOSTS"),
        ({"idle_seconds": 3600}, "session limits"),
        ({"absolute_seconds": 86400}, "session limits"),
    ],
)
def test_each_insecure_setting_is_named(change, expected):
    reasons = insecure_reasons(**{**GOOD, **change})
    assert len(reasons) == 1
    assert expected in reasons[0]


def _start(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ZASTITA_"))}
    base["DJANGO_SETTINGS_MODULE"] = "zastita.config.settings.production"
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_refuses_to_start_and_says_why():
    result = _start({"DJANGO_DEBUG": "1", "ZASTITA_MFA_REQUIRED": "0"})
    assert result.returncode != 0
    assert "Refusing to start with an insecure production configuration" in result.stderr
    for reason in (
        "DEBUG is on",
        "the secret key is the default",
        "the encryption keys are missing",
        "MFA is disabled",
        "cookies are not secure",
    ):
        assert reason in result.stderr


def test_production_is_the_default_settings():
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ZASTITA_"))}
    result = subprocess.run(
        [sys.executable, "-m", "zastita", "check"],
        env=base, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "Refusing to start with an insecure production configuration" in result.stderr


def test_demo_commands_refuse_outside_demo_settings(db):
    from django.core.management import call_command
    from django.core.management.base import CommandError
    from django.test import override_settings

    with override_settings(ZASTITA_DEMO_TOOLS=False):
        with pytest.raises(CommandError):
            call_command("seed", demo=True)
        with pytest.raises(CommandError):
            call_command("demo", no_serve=True)


def test_production_starts_when_secure():
    result = _start(
        {
            "DJANGO_SECRET_KEY": "k" * 64,
            "ZASTITA_KEYS": '{"active": "k1", "keys": {"k1": "' + "A" * 43 + '="}}',
            "ZASTITA_SECURE_COOKIES": "1",
        }
    )
    assert result.returncode == 0, result.stderr
