"""Settings for the test suite: fast hashing, plain static files, throwaway keys."""

from __future__ import annotations

import base64
import json
import os

from zastita.config.settings.base import *  # noqa: F403
from zastita.config.settings.base import INSTALLED_APPS

# A fixed test keyring: the suite is reproducible, and nothing here protects real data.
ZASTITA_KEYS = json.dumps({"active": "t1", "keys": {"t1": base64.b64encode(b"t" * 32).decode()}})
ZASTITA_KEYS_FILE = ""
ZASTITA_DEMO_TOOLS = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# A flush command that lifts the audit triggers only while the test database is emptied.
INSTALLED_APPS = ["tests.support", *INSTALLED_APPS]
TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
if os.environ.get("DATABASE_URL"):
    from zastita.config.settings.base import DATABASES

    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # A test database in a file, not in memory: an in-memory one is shared by the browser
    # tests' live server thread and the test's own thread, and two queries at once on one
    # connection can read each other's rows (Django's documentation warns of it).
    import tempfile as _tempfile

    from zastita.config.settings.base import DATABASES

    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(_tempfile.gettempdir(), f"zastita-test-{os.getpid()}.sqlite3")
    }
# Attachments written by the suite go to a throwaway folder, never into var/.
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

ZASTITA_ATTACHMENTS_DIR = Path(tempfile.mkdtemp(prefix="zastita-test-attachments-"))
