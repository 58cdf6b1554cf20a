"""Settings for `make demo` on one machine: SQLite, a key file under var/, MFA still on."""

from __future__ import annotations

from zastita.config.settings.base import *  # noqa: F403
from zastita.config.settings.base import VAR_DIR, ZASTITA_KEYS_FILE

ZASTITA_KEYS_FILE = ZASTITA_KEYS_FILE or str(VAR_DIR / "keys.json")
ZASTITA_DEMO_TOOLS = True
# The demo's e-mail goes to a local outbox folder (var/outbox), one file per message.
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": str(VAR_DIR / "outbox")},
    }
}
