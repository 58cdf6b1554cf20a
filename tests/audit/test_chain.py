"""The audit trail is append-only in the database and tamper-evident through its chain."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from zastita.audit import triggers
from zastita.audit.chain import verify
from zastita.audit.models import Action, AuditEvent
from zastita.audit.services import audit_record


@pytest.fixture
def chain(db, worker_user):
    for i in range(5):
        audit_record(action=Action.VIEW, actor=worker_user, object_type="user", object_id=i)
    return list(AuditEvent.objects.order_by("seq"))


def test_events_are_chained_and_hold_only_ids(chain, worker_user):
    assert [e.seq for e in chain] == [1, 2, 3, 4, 5]
    assert chain[0].prev_hash == "0" * 64
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(chain))
    assert chain[0].actor_id == worker_user.pk
    assert chain[0].actor_roles == "worker"
    assert list(verify()) == []


def test_update_is_refused_by_the_database(chain):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=chain[0].pk).update(object_id="999")
    assert AuditEvent.objects.get(pk=chain[0].pk).object_id == "0"


def test_delete_is_refused_by_the_database(chain):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=chain[1].pk).delete()
    assert AuditEvent.objects.count() == 5


def test_raw_sql_delete_is_refused_too(chain):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent")
    assert AuditEvent.objects.count() == 5


def _tamper(sql: str, params: list[Any]) -> None:
    """What an attacker with database access does: lift the triggers, edit, restore."""
    triggers.uninstall(connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    triggers.install(connection)


def _verify_output() -> str:
    from io import StringIO

    out = StringIO()
    with pytest.raises(CommandError, match="tampered"):
        call_command("audit", "verify", stdout=out)
    return out.getvalue()


def test_verify_passes_an_intact_chain(chain):
    from io import StringIO

    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "OK: 5 events verified." in out.getvalue()


def test_verify_reports_a_changed_row_with_its_id(chain):
    target = chain[2]
    _tamper("UPDATE audit_auditevent SET object_id = %s WHERE id = %s", ["42", target.pk])
    output = _verify_output()
    assert f"CHANGED: row id {target.pk} (seq 3)" in output
    assert output.count("CHANGED") == 1


def test_verify_reports_a_removed_row(chain):
    removed, after = chain[1], chain[2]
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [removed.pk])
    output = _verify_output()
    assert f"REMOVED: row id {after.pk} (seq 3)" in output
    assert "seq 2..2 are missing" in output


def test_verify_reports_removed_rows_at_the_end(chain):
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [chain[-1].pk])
    assert "the chain head is at seq 5 but the last row is seq 4" in _verify_output()


def test_verify_reports_an_inserted_row(chain):
    last = chain[-1]
    _tamper(
        "INSERT INTO audit_auditevent (seq, occurred_at, actor_roles, action, object_type,"
        " object_id, purpose, reason_ref, request_id, key_id, prev_hash, hash)"
        " VALUES (%s, %s, '', 'view', 'user', '7', '', '', '', 't1', %s, %s)",
        [last.seq + 1, last.occurred_at, last.hash, "f" * 64],
    )
    inserted = AuditEvent.objects.get(seq=last.seq + 1)
    output = _verify_output()
    assert f"INSERTED: row id {inserted.pk} (seq {last.seq + 1})" in output


def test_verify_reports_a_row_inserted_in_the_middle(chain):
    # Renumber the tail to make room, as an attacker would, then insert a forged row.
    triggers.uninstall(connection)
    with connection.cursor() as cursor:
        for event in reversed(chain[2:]):
            cursor.execute(
                "UPDATE audit_auditevent SET seq = %s WHERE id = %s", [event.seq + 1, event.pk]
            )
        cursor.execute(
            "INSERT INTO audit_auditevent (seq, occurred_at, actor_roles, action, object_type,"
            " object_id, purpose, reason_ref, request_id, key_id, prev_hash, hash)"
            " VALUES (3, %s, '', 'view', 'user', '7', '', '', '', 't1', %s, %s)",
            [chain[1].occurred_at, chain[1].hash, "e" * 64],
        )
    triggers.install(connection)
    forged = AuditEvent.objects.get(seq=3)
    output = _verify_output()
    assert f"INSERTED: row id {forged.pk} (seq 3)" in output


def _failing_write(actor) -> None:
    with transaction.atomic():
        audit_record(action=Action.UPDATE, actor=actor, object_type="user", object_id=1)
        raise RuntimeError("the write failed")


def test_audit_rolls_back_with_the_work_it_records(db, worker_user):
    with pytest.raises(RuntimeError):
        _failing_write(worker_user)
    assert AuditEvent.objects.count() == 0


def test_the_chain_head_cannot_go_back_or_be_deleted(chain):
    from zastita.audit.models import ChainHead

    with pytest.raises(DatabaseError, match="forward"), transaction.atomic():
        ChainHead.objects.filter(pk=1).update(seq=2, hash=chain[1].hash)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ChainHead.objects.filter(pk=1).delete()
    assert ChainHead.objects.get(pk=1).seq == 5


def test_verify_reports_a_missing_head(chain):
    _tamper("DELETE FROM audit_chainhead", [])
    assert "the chain head is missing" in _verify_output()


def test_a_missing_head_is_rebuilt_and_the_chain_goes_on(chain, worker_user):
    _tamper("DELETE FROM audit_chainhead", [])
    audit_record(action=Action.VIEW, actor=worker_user, object_type="user", object_id=9)
    assert AuditEvent.objects.order_by("-seq").values_list("seq", flat=True)[0] == 6
    assert list(verify()) == []


def test_an_anchor_catches_a_rewritten_tail(chain):
    from io import StringIO

    out = StringIO()
    call_command("audit", "verify", stdout=out)
    anchor = out.getvalue().split("outside the database: ")[1].strip()
    assert anchor == f"5:{chain[-1].hash}"
    # Remove the last two rows and wind the head back: the chain alone looks intact…
    _tamper("DELETE FROM audit_auditevent WHERE seq >= %s", [4])
    _tamper("UPDATE audit_chainhead SET seq = %s, hash = %s", [3, chain[2].hash])
    assert list(verify()) == []
    # …but the anchor recorded earlier does not.
    with pytest.raises(CommandError, match="tampered"):
        call_command("audit", "verify", "--anchor", anchor, stdout=StringIO())


def test_a_malformed_anchor_is_refused(chain):
    with pytest.raises(CommandError, match="SEQ:HASH"):
        call_command("audit", "verify", "--anchor", "five:abc")


def test_verify_fails_on_a_wiped_trail(chain):
    _tamper("DELETE FROM audit_auditevent", [])
    _tamper("DELETE FROM audit_chainhead", [])
    output = _verify_output()
    assert "the trail is empty and its head is missing but the database holds" in output
    assert "OK" not in output


def test_verify_fails_on_an_empty_trail_beside_records(chain):
    # The head left in place and wound back to the start: the trail still looks "intact".
    _tamper("DELETE FROM audit_auditevent", [])
    _tamper("UPDATE audit_chainhead SET seq = 0, hash = %s", ["0" * 64])
    assert "the trail is empty but the database holds" in _verify_output()


def test_a_new_empty_database_verifies(db):
    from io import StringIO

    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "OK: 0 events verified." in out.getvalue()


def _expected_triggers() -> list[str]:
    if connection.vendor == "postgresql":
        return [
            "audit_auditevent.audit_no_update_delete",
            "audit_auditevent.audit_no_truncate",
            "audit_chainhead.audit_head_forward",
            "audit_chainhead.audit_head_no_delete",
            "audit_chainhead.audit_head_no_truncate",
        ]
    return [
        "audit_auditevent.audit_no_update",
        "audit_auditevent.audit_no_delete",
        "audit_chainhead.audit_head_forward",
        "audit_chainhead.audit_head_no_delete",
    ]


def test_verify_reports_each_missing_trigger(chain):
    assert triggers.missing(connection) == []
    triggers.uninstall(connection)
    try:
        output = _verify_output()
    finally:
        triggers.install(connection)
    for name in _expected_triggers():
        assert f"UNPROTECTED: chain: the database trigger {name} is missing" in output


def test_a_single_dropped_or_disabled_trigger_is_reported(chain):
    name = _expected_triggers()[1]
    table, trigger = name.split(".")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}")
        else:
            cursor.execute(f"DROP TRIGGER {trigger}")
    try:
        assert triggers.missing(connection) == [name]
        assert f"the database trigger {name} is missing or disabled" in _verify_output()
    finally:
        triggers.reinstall(connection)
    assert triggers.missing(connection) == []


def test_the_application_refuses_to_start_without_the_triggers(chain):
    from django.core.management.base import SystemCheckError

    from zastita.audit.checks import audit_triggers_present

    assert audit_triggers_present() == []
    triggers.uninstall(connection)
    try:
        errors = audit_triggers_present()
        assert [e.id for e in errors] == ["zastita.E100"]
        assert errors[0].is_serious()
        # `check` without --database runs what runserver runs; serve and the worker refuse
        # before they start anything.
        with pytest.raises(SystemCheckError, match="append-only triggers are missing"):
            call_command("check")
        for command in ("serve", "worker"):
            with pytest.raises(SystemCheckError, match="append-only triggers are missing"):
                call_command(command, skip_checks=False)
    finally:
        triggers.install(connection)


def test_no_start_up_error_before_the_triggers_migration_ran(chain):
    from zastita.audit.checks import audit_triggers_present

    triggers.uninstall(connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM django_migrations WHERE app = %s AND name = %s",
                ["audit", "0002_append_only_triggers"],
            )
        assert audit_triggers_present() == []
    finally:
        triggers.install(connection)


def test_install_triggers_puts_back_what_was_dropped(chain):
    from io import StringIO

    triggers.uninstall(connection)
    out = StringIO()
    call_command("audit", "install-triggers", stdout=out)
    assert triggers.missing(connection) == []
    assert "Reinstalled: " + _expected_triggers()[0] in out.getvalue()
    call_command("audit", "verify", stdout=StringIO())


# A trigger can stay in the catalogue under its name and still stop nothing.
_POSTGRES_DEFEATS = {
    "enabled_for_replicas_only": (
        ["ALTER TABLE audit_auditevent ENABLE REPLICA TRIGGER audit_no_update_delete"],
        ["audit_auditevent.audit_no_update_delete"],
    ),
    "function_made_harmless": (
        [
            "CREATE OR REPLACE FUNCTION audit_head_forward() RETURNS trigger AS $$"
            " BEGIN RETURN NEW; END; $$ LANGUAGE plpgsql"
        ],
        ["audit_chainhead.audit_head_forward"],
    ),
    "fires_on_another_event": (
        [
            "DROP TRIGGER audit_no_truncate ON audit_auditevent",
            "CREATE TRIGGER audit_no_truncate BEFORE INSERT ON audit_auditevent"
            " FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()",
        ],
        ["audit_auditevent.audit_no_truncate"],
    ),
    "session_runs_as_a_replica": (
        ["SET LOCAL session_replication_role = replica"],
        [
            "audit_auditevent.audit_no_update_delete",
            "audit_auditevent.audit_no_truncate",
            "audit_chainhead.audit_head_forward",
            "audit_chainhead.audit_head_no_delete",
            "audit_chainhead.audit_head_no_truncate",
        ],
    ),
}
_SQLITE_DEFEATS = {
    "condition_never_true": (
        [
            "DROP TRIGGER audit_no_update",
            "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_auditevent WHEN 0"
            " BEGIN SELECT RAISE(ABORT, 'audit events are append-only (UPDATE refused)'); END",
        ],
        ["audit_auditevent.audit_no_update"],
    ),
    "does_nothing": (
        [
            "DROP TRIGGER audit_head_no_delete",
            "CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_chainhead"
            " BEGIN SELECT 1; END",
        ],
        ["audit_chainhead.audit_head_no_delete"],
    ),
    "fires_on_another_event": (
        [
            "DROP TRIGGER audit_no_delete",
            "CREATE TRIGGER audit_no_delete BEFORE INSERT ON audit_auditevent"
            " BEGIN SELECT RAISE(ABORT, 'audit events are append-only (DELETE refused)'); END",
        ],
        ["audit_auditevent.audit_no_delete"],
    ),
}


@pytest.mark.parametrize(
    "defeat", sorted(_POSTGRES_DEFEATS if connection.vendor == "postgresql" else _SQLITE_DEFEATS)
)
def test_a_trigger_kept_by_name_but_stopping_nothing_is_reported(chain, defeat):
    from zastita.audit.checks import audit_triggers_present

    defeats = _POSTGRES_DEFEATS if connection.vendor == "postgresql" else _SQLITE_DEFEATS
    statements, reported = defeats[defeat]
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
    assert triggers.missing(connection) == reported
    assert [e.id for e in audit_triggers_present()] == ["zastita.E100"]
    if defeat != "session_runs_as_a_replica":  # a setting of the session, not the database's
        triggers.reinstall(connection)
        assert triggers.missing(connection) == []
