"""Production settings: refuse to start when any part of the configuration is insecure."""

from __future__ import annotations

from zastita.config.settings.base import *  # noqa: F403
from zastita.config.settings.base import (
    ALLOWED_HOSTS,
    DEBUG,
    SECRET_KEY,
    SESSION_COOKIE_SECURE,
    ZASTITA_KEYS,
    ZASTITA_KEYS_FILE,
    ZASTITA_MFA_REQUIRED,
    ZASTITA_SESSION_ABSOLUTE_SECONDS,
    ZASTITA_SESSION_IDLE_SECONDS,
)
from zastita.config.settings.checks import refuse_insecure

SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

ZASTITA_DEMO_TOOLS = False

refuse_insecure(
    debug=DEBUG,
    secret_key=SECRET_KEY,
    keys=ZASTITA_KEYS,
    keys_file=ZASTITA_KEYS_FILE,
    mfa_required=ZASTITA_MFA_REQUIRED,
    secure_cookies=SESSION_COOKIE_SECURE,
    allowed_hosts=ALLOWED_HOSTS,
    idle_seconds=ZASTITA_SESSION_IDLE_SECONDS,
    absolute_seconds=ZASTITA_SESSION_ABSOLUTE_SECONDS,
)
