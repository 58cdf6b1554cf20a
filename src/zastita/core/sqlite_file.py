"""Where a SQLite database lives on disk, for code that must not create it by connecting."""

from __future__ import annotations

from pathlib import Path

from django.db.backends.base.base import BaseDatabaseWrapper


def sqlite_file(connection: BaseDatabaseWrapper) -> Path | None:
    """The database's file, or None for PostgreSQL and for a SQLite database kept in memory
    (":memory:", or a URI with mode=memory such as the test database's). A directory that
    merely has "memory" in its name is a file like any other."""
    if connection.vendor != "sqlite":
        return None
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or "mode=memory" in name:
        return None
    return Path(name)
