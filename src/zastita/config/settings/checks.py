"""The production guard: every insecure setting is named in one error, before anything runs."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from zastita.config.settings.base import INSECURE_SECRET_KEY


def insecure_reasons(
    *,
    debug: bool,
    secret_key: str,
    keys: str,
    keys_file: str,
    mfa_required: bool,
    secure_cookies: bool,
) -> list[str]:
    reasons = []
    if debug:
        reasons.append("DEBUG is on (unset DJANGO_DEBUG)")
    if not secret_key or secret_key == INSECURE_SECRET_KEY or len(secret_key) < 50:
        reasons.append("the secret key is the default or too short (set DJANGO_SECRET_KEY)")
    if not keys and not (keys_file and Path(keys_file).is_file()):
        reasons.append("the encryption keys are missing (set ZASTITA_KEYS_FILE or ZASTITA_KEYS)")
    if not mfa_required:
        reasons.append("MFA is disabled (ZASTITA_MFA_REQUIRED must be on)")
    if not secure_cookies:
        reasons.append("cookies are not secure (set ZASTITA_SECURE_COOKIES=1)")
    return reasons


def refuse_insecure(**settings: object) -> None:
    reasons = insecure_reasons(**settings)  # type: ignore[arg-type]
    if reasons:
        raise ImproperlyConfigured(
            "Refusing to start with an insecure production configuration: " + "; ".join(reasons)
        )
