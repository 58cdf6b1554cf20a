"""The production guard: every insecure setting is named in one error, before anything runs."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from zastita.config.settings.base import INSECURE_SECRET_KEY

MAX_IDLE_SECONDS = 15 * 60
MAX_ABSOLUTE_SECONDS = 10 * 60 * 60


def _keyring_problem(keys: str, keys_file: str) -> str | None:
    from zastita.core.crypto import Keyring, KeyringError

    if not keys and not keys_file:
        return "the encryption keys are missing (set ZASTITA_KEYS_FILE or ZASTITA_KEYS)"
    if not keys:
        path = Path(keys_file)
        if not path.is_file():
            return "the encryption keys are missing (ZASTITA_KEYS_FILE names no file)"
        keys = path.read_text()
    try:
        Keyring.from_json(keys)
    except KeyringError as exc:
        return f"the encryption keys are not valid ({exc})"
    return None


def insecure_reasons(
    *,
    debug: bool,
    secret_key: str,
    keys: str,
    keys_file: str,
    mfa_required: bool,
    secure_cookies: bool,
    allowed_hosts: list[str] | None = None,
    idle_seconds: int = MAX_IDLE_SECONDS,
    absolute_seconds: int = MAX_ABSOLUTE_SECONDS,
) -> list[str]:
    reasons = []
    if debug:
        reasons.append("DEBUG is on (unset DJANGO_DEBUG)")
    if not secret_key or secret_key == INSECURE_SECRET_KEY or len(secret_key) < 50:
        reasons.append("the secret key is the default or too short (set DJANGO_SECRET_KEY)")
    problem = _keyring_problem(keys, keys_file)
    if problem:
        reasons.append(problem)
    if not mfa_required:
        reasons.append("MFA is disabled (ZASTITA_MFA_REQUIRED must be on)")
    if not secure_cookies:
        reasons.append("cookies are not secure (set ZASTITA_SECURE_COOKIES=1)")
    if allowed_hosts is not None and (not allowed_hosts or "*" in allowed_hosts):
        reasons.append("DJANGO_ALLOWED_HOSTS must name the site's hosts, not '*'")
    if idle_seconds > MAX_IDLE_SECONDS or absolute_seconds > MAX_ABSOLUTE_SECONDS:
        reasons.append("session limits exceed 15 minutes idle or 10 hours in all")
    return reasons


def refuse_insecure(**settings: object) -> None:
    reasons = insecure_reasons(**settings)  # type: ignore[arg-type]
    if reasons:
        raise ImproperlyConfigured(
            "Refusing to start with an insecure production configuration: " + "; ".join(reasons)
        )
