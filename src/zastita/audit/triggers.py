"""Database triggers that make the audit table append-only and its chain head move only
forward, on PostgreSQL and SQLite.

They stop mistakes and the application's own credentials; someone who owns the tables can
drop them, which is what the signed chain and external anchors (`audit verify --anchor`) catch.
"""

from __future__ import annotations

import re

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


# Each trigger as PostgreSQL prints it (pg_get_triggerdef, the table's schema left out): a
# trigger of the right name that fires on other events, on a condition or calls another
# function is not the one installed.
_POSTGRES_TRIGGERS = {
    (TABLE, "audit_no_update_delete"): "BEFORE DELETE OR UPDATE ON {table} FOR EACH ROW"
    " EXECUTE FUNCTION audit_refuse_change()",
    (TABLE, "audit_no_truncate"): "BEFORE TRUNCATE ON {table} FOR EACH STATEMENT"
    " EXECUTE FUNCTION audit_refuse_change()",
    (HEAD, "audit_head_forward"): "BEFORE UPDATE ON {table} FOR EACH ROW"
    " EXECUTE FUNCTION audit_head_forward()",
    (HEAD, "audit_head_no_delete"): "BEFORE DELETE ON {table} FOR EACH ROW"
    " EXECUTE FUNCTION audit_refuse_change()",
    (HEAD, "audit_head_no_truncate"): "BEFORE TRUNCATE ON {table} FOR EACH STATEMENT"
    " EXECUTE FUNCTION audit_refuse_change()",
}
_SCHEMA = re.compile(r' ON (?:"[^"]+"|\w+)\.')
_FUNCTION = re.compile(r"FUNCTION (\w+)\(\) RETURNS trigger AS \$\$(.*?)\$\$", re.S)


def _words(sql: str) -> str:
    return " ".join(sql.split())


def _postgres_missing(connection: BaseDatabaseWrapper) -> list[str]:
    bodies = {
        m.group(1): _words(m.group(2)) for sql in _POSTGRES_INSTALL if (m := _FUNCTION.search(sql))
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('session_replication_role')")
        (role,) = cursor.fetchone()
        cursor.execute(
            "SELECT c.relname, t.tgname, t.tgenabled, pg_catalog.pg_get_triggerdef(t.oid),"
            " p.proname, p.prosrc FROM pg_catalog.pg_trigger t"
            " JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid"
            " JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid"
            " WHERE NOT t.tgisinternal AND c.relname IN (%s, %s)"
            " AND pg_catalog.pg_table_is_visible(c.oid)",
            [TABLE, HEAD],
        )
        rows = cursor.fetchall()
    in_force = set()
    for table, name, enabled, definition, function, source in rows:
        # 'O' fires unless the session replicates, 'R' only when it does, 'A' always, 'D' never;
        # a trigger "enabled" for replicas only, or a session set to replica, stops nothing.
        replica = role == "replica"
        fires = enabled == "A" or (enabled == "O" and not replica) or (enabled == "R" and replica)
        expected = _POSTGRES_TRIGGERS.get((table, name), "").format(table=table)
        same = _words(_SCHEMA.sub(" ON ", definition)) == f"CREATE TRIGGER {name} {expected}"
        if fires and same and _words(source) == bodies.get(function):
            in_force.add((table, name))
    return [
        f"{table}.{name}" for table, name in _POSTGRES_TRIGGERS if (table, name) not in in_force
    ]


def _sqlite_missing(connection: BaseDatabaseWrapper) -> list[str]:
    # SQLite keeps each trigger's CREATE statement as written, without "IF NOT EXISTS".
    expected = {}
    for sql in _SQLITE_INSTALL:
        words = _words(sql).replace(" IF NOT EXISTS", "")
        name, table = words.split()[2], words.split(" ON ")[1].split()[0]
        expected[(table, name)] = words
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'trigger'"
            " AND tbl_name IN (%s, %s)",
            [TABLE, HEAD],
        )
        present = {(table, name) for table, name, sql in cursor.fetchall()
                   if expected.get((table, name)) == _words(sql)}  # fmt: skip
    return [f"{table}.{name}" for table, name in expected if (table, name) not in present]


def missing(connection: BaseDatabaseWrapper) -> list[str]:
    """The audit triggers that are not in force, each as "table.trigger": absent, disabled
    (on PostgreSQL also enabled for replicas only, or every trigger when the session runs as a
    replica), or replaced by one that does something else (another event, a condition, a
    changed function). An empty list when all of them are as installed."""
    if connection.vendor == "postgresql":
        return _postgres_missing(connection)
    if connection.vendor == "sqlite":
        return _sqlite_missing(connection)
    _statements(connection, install=True)  # raises the same ImproperlyConfigured
    return []


def reinstall(connection: BaseDatabaseWrapper) -> None:
    """Puts every trigger back, whichever of them were dropped."""
    uninstall(connection)
    install(connection)
