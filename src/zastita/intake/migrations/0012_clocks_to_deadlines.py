"""Intake's response clocks become deadlines of the deadlines platform.

Every target (intake.ClockTarget) becomes version 1 of the platform's target for its kind
and urgency, with who set it and when; every clock (intake.ResponseClock) becomes a
deadline with the same id (so the audit events about it, "clock_start", "clock_breach"...,
still name it), the same times, warnings sent, breach, escalation, next check and state
("missed" is the platform's "met late"). Then the two tables are dropped.

Going back copies them the other way (the newest version of each target), so the step can
be undone on a copy of the data.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.color import no_style
from django.db import migrations

SUBJECT = "report"
STATE_TO = {"running": "running", "met": "met", "missed": "met_late", "cancelled": "cancelled"}
STATE_BACK = {v: k for k, v in STATE_TO.items()} | {"paused": "running"}


def _kind(kind: str) -> str:
    return f"intake.{kind}"


def _percents(started: datetime.datetime, allowed: datetime.timedelta, times: list[str]) -> list:
    """The warnings' shares of the time allowed (whole per cents, as the targets give them)."""
    if not allowed:
        return []
    shares = []
    for text in times:
        share = (datetime.datetime.fromisoformat(text) - started) / allowed * 100
        shares.append(round(share))
    return shares


def forwards(apps: Any, schema_editor: Any) -> None:
    ClockTarget = apps.get_model("intake", "ClockTarget")
    ResponseClock = apps.get_model("intake", "ResponseClock")
    DeadlineTarget = apps.get_model("deadlines", "DeadlineTarget")
    Deadline = apps.get_model("deadlines", "Deadline")

    versions: dict[tuple[str, str], Any] = {}
    for old in ClockTarget.objects.order_by("pk"):
        new = DeadlineTarget.objects.create(
            kind=_kind(old.kind), variant=old.urgency, version=1,
            target=datetime.timedelta(minutes=old.minutes),
            warn_at_percent=sorted(int(p) for p in old.warn_at_percent),
            changed_by_id=old.changed_by_id,
        )  # fmt: skip
        # The times the row was set, not the time of this migration.
        DeadlineTarget.objects.filter(pk=new.pk).update(
            created_at=old.created_at, updated_at=old.updated_at
        )
        versions[(old.kind, old.urgency)] = new

    batch: list[Any] = []
    clocks = ResponseClock.objects.select_related("report").order_by("pk")
    for old in clocks.iterator(chunk_size=2000):
        allowed = old.due_at - old.started_at
        target = versions.get((old.kind, old.report.urgency))
        same = target is not None and target.target == allowed
        batch.append(Deadline(
            id=old.pk, kind=_kind(old.kind), variant=old.report.urgency, subject_type=SUBJECT,
            subject_id=old.report_id, state=STATE_TO[old.state],
            target=target if same else None, started_at=old.started_at, allowed=allowed,
            warn_at_percent=_percents(old.started_at, allowed, old.warn_times),
            due_at=old.due_at, warnings_sent=old.warnings_sent,
            next_check_at=old.next_check_at, breached_at=old.breached_at,
            escalated_at=old.escalated_at, stopped_at=old.stopped_at,
        ))  # fmt: skip
        if len(batch) >= 2000:
            Deadline.objects.bulk_create(batch)
            batch = []
    Deadline.objects.bulk_create(batch)
    _copy_stamps(schema_editor, "deadlines_deadline", "intake_responseclock")
    _reset_sequence(schema_editor, Deadline)


def _copy_stamps(schema_editor: Any, to: str, source: str) -> None:
    """The times each row was made and last changed, from the row of the same id, in one
    statement."""
    schema_editor.execute(
        f"UPDATE {to} SET"
        f" created_at = (SELECT s.created_at FROM {source} s WHERE s.id = {to}.id),"
        f" updated_at = (SELECT s.updated_at FROM {source} s WHERE s.id = {to}.id)"
        f" WHERE id IN (SELECT id FROM {source})"
    )


def _reset_sequence(schema_editor: Any, model: Any) -> None:
    """The ids were given: the next new deadline continues after the highest (PostgreSQL;
    SQLite continues by itself)."""
    connection = schema_editor.connection
    for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
        schema_editor.execute(sql)


def backwards(apps: Any, schema_editor: Any) -> None:
    ClockTarget = apps.get_model("intake", "ClockTarget")
    ResponseClock = apps.get_model("intake", "ResponseClock")
    DeadlineTarget = apps.get_model("deadlines", "DeadlineTarget")
    Deadline = apps.get_model("deadlines", "Deadline")

    kinds = ["first_contact", "decision", "field_visit"]
    newest: dict[tuple[str, str], Any] = {}
    targets = DeadlineTarget.objects.filter(kind__in=[_kind(k) for k in kinds])
    for row in targets.order_by("version"):
        newest[(row.kind, row.variant)] = row
    for (kind, variant), row in newest.items():
        ClockTarget.objects.create(
            kind=kind.removeprefix("intake."), urgency=variant,
            minutes=max(1, int(row.target.total_seconds() // 60)),
            warn_at_percent=list(row.warn_at_percent), changed_by_id=row.changed_by_id,
        )  # fmt: skip
    rows = Deadline.objects.filter(subject_type=SUBJECT, kind__in=[_kind(k) for k in kinds])
    batch = []
    for row in rows.order_by("pk"):
        start = row.started_at + row.paused_total
        batch.append(ResponseClock(
            id=row.pk, report_id=row.subject_id, kind=row.kind.removeprefix("intake."),
            state=STATE_BACK[row.state], started_at=row.started_at, due_at=row.due_at,
            warn_times=[(start + row.allowed * int(p) / 100).isoformat()
                        for p in row.warn_at_percent],
            warnings_sent=row.warnings_sent, next_check_at=row.next_check_at,
            breached_at=row.breached_at, escalated_at=row.escalated_at,
            stopped_at=row.stopped_at,
        ))  # fmt: skip
    ResponseClock.objects.bulk_create(batch, batch_size=2000)
    _copy_stamps(schema_editor, "intake_responseclock", "deadlines_deadline")
    _reset_sequence(schema_editor, ResponseClock)
    rows.delete()
    # The intake targets' deadlines are gone (above): no collector is needed, and Django's
    # would compare them with a historical model rendered elsewhere in the plan.
    targets._raw_delete(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0011_notifications_moved"),
        ("deadlines", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="ResponseClock"),
        migrations.DeleteModel(name="ClockTarget"),
    ]
