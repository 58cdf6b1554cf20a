"""Database triggers that make the audit table append-only and its chain head move only
forward, on PostgreSQL and SQLite.

They stop mistakes and the application's own credentials; someone who owns the tables can
drop them, which is what the signed chain and external anchors (`audit verify --anchor`) catch.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "audit_auditevent"
HEAD = "audit_chainhead"

_POSTGRES_INSTALL = [
    """
    CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'audit events are append-only (% refused)', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END;
    $$ LANGUAGE plpgsql
    """,
    f"""
    CREATE TRIGGER audit_no_update_delete BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()
    """,
    f"""
    CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()
    """,
    # The chain head only moves forward and is never removed.
    """
    CREATE OR REPLACE FUNCTION audit_head_forward() RETURNS trigger AS $$
    BEGIN
        IF NEW.seq <= OLD.seq THEN
            RAISE EXCEPTION 'the audit chain head only moves forward'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql
    """,
    f"""
    CREATE TRIGGER audit_head_forward BEFORE UPDATE ON {HEAD}
    FOR EACH ROW EXECUTE FUNCTION audit_head_forward()
    """,
    f"""
    CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON {HEAD}
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()
    """,
    f"""
    CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON {HEAD}
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()
    """,
]
_POSTGRES_UNINSTALL = [
    f"DROP TRIGGER IF EXISTS audit_no_update_delete ON {TABLE}",
    f"DROP TRIGGER IF EXISTS audit_no_truncate ON {TABLE}",
    f"DROP TRIGGER IF EXISTS audit_head_forward ON {HEAD}",
    f"DROP TRIGGER IF EXISTS audit_head_no_delete ON {HEAD}",
    f"DROP TRIGGER IF EXISTS audit_head_no_truncate ON {HEAD}",
    "DROP FUNCTION IF EXISTS audit_refuse_change()",
    "DROP FUNCTION IF EXISTS audit_head_forward()",
]
_SQLITE_INSTALL = [
    f"""
    CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only (UPDATE refused)'); END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only (DELETE refused)'); END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS audit_head_forward BEFORE UPDATE ON {HEAD}
    WHEN NEW.seq <= OLD.seq
    BEGIN SELECT RAISE(ABORT, 'the audit chain head only moves forward'); END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS audit_head_no_delete BEFORE DELETE ON {HEAD}
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only (DELETE refused)'); END
    """,
]
_SQLITE_UNINSTALL = [
    "DROP TRIGGER IF EXISTS audit_no_update",
    "DROP TRIGGER IF EXISTS audit_no_delete",
    "DROP TRIGGER IF EXISTS audit_head_forward",
    "DROP TRIGGER IF EXISTS audit_head_no_delete",
]


def _statements(connection: BaseDatabaseWrapper, install: bool) -> list[str]:
    if connection.vendor == "postgresql":
        return _POSTGRES_INSTALL if install else _POSTGRES_UNINSTALL
    if connection.vendor == "sqlite":
        return _SQLITE_INSTALL if install else _SQLITE_UNINSTALL
    raise ImproperlyConfigured(
        f"Zastita supports PostgreSQL and SQLite; {connection.vendor} has no audit triggers."
    )


def install(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for sql in _statements(connection, install=True):
            cursor.execute(sql)


def uninstall(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for sql in _statements(connection, install=False):
            cursor.execute(sql)


_POSTGRES_NAMES = {
    TABLE: ["audit_no_update_delete", "audit_no_truncate"],
    HEAD: ["audit_head_forward", "audit_head_no_delete", "audit_head_no_truncate"],
}
_SQLITE_NAMES = {
    TABLE: ["audit_no_update", "audit_no_delete"],
    HEAD: ["audit_head_forward", "audit_head_no_delete"],
}


def missing(connection: BaseDatabaseWrapper) -> list[str]:
    """The audit triggers that are absent (or, on PostgreSQL, disabled), each as
    "table.trigger"; an empty list when all of them are in force."""
    if connection.vendor == "postgresql":
        expected, sql = (
            _POSTGRES_NAMES,
            (
                "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                " WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND c.relname IN (%s, %s)"
                " AND pg_catalog.pg_table_is_visible(c.oid)"
            ),
        )
    elif connection.vendor == "sqlite":
        expected, sql = (
            _SQLITE_NAMES,
            (
                "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'"
                " AND tbl_name IN (%s, %s)"
            ),
        )
    else:
        _statements(connection, install=True)  # raises the same ImproperlyConfigured
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, [TABLE, HEAD])
        present = {(table, name) for table, name in cursor.fetchall()}
    return [
        f"{table}.{name}"
        for table, names in expected.items()
        for name in names
        if (table, name) not in present
    ]


def reinstall(connection: BaseDatabaseWrapper) -> None:
    """Puts every trigger back, whichever of them were dropped."""
    uninstall(connection)
    install(connection)
