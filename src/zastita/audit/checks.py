"""The start-up check: the application refuses to run while the audit triggers are absent.

Registered without the database tag so that it runs for `serve`, `worker`, `runserver` and
every other command that runs the system checks. It stays silent where the triggers cannot
be there yet: before the migration that installs them has been applied (a new database, the
test database being built) or when the database cannot be reached at all.
"""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Critical, register
from django.db import DatabaseError, connection
from django.db.migrations.recorder import MigrationRecorder

from zastita.core.sqlite_file import sqlite_file

TRIGGERS_MIGRATION = ("audit", "0002_append_only_triggers")


@register("zastita")
def audit_triggers_present(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    from zastita.audit import triggers

    database = sqlite_file(connection)
    if database is not None and not database.exists():
        return []  # no database yet; connecting would create its file with the default mode
    try:
        recorder = MigrationRecorder(connection)
        if not recorder.has_table() or TRIGGERS_MIGRATION not in recorder.applied_migrations():
            return []
        absent = triggers.missing(connection)
    except DatabaseError:
        return []
    if not absent:
        return []
    return [
        Critical(
            "The audit trail's append-only triggers are missing: " + ", ".join(absent) + ".",
            hint=(
                "Someone with rights over the database removed them. Run `zastita audit verify`"
                " to see whether the trail was changed, then `zastita audit install-triggers`."
            ),
            id="zastita.E100",
        )
    ]
