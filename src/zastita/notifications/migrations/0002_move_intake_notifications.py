"""Moves intake's outbox into the notifications platform: every row becomes one about a
subject. A report's message is about ("report", id); a decision awaiting approval, about
("decision", id), read from its dedupe key ("approval:<report>:decision:<id>:..."). The
clock a response-time message was about is not kept as a column: its id is already in the
row's dedupe key, which is kept as it was (so a repeat of an old event is still a no-op).
Rows keep their id (the duty board compares ids), kind, channel, recipient, state, attempts,
times and read mark; the table's sequence is moved past them on PostgreSQL."""

import re

from django.core.management.color import no_style
from django.db import migrations

APPROVAL = re.compile(r"^approval:\d+:decision:(\d+):")
REPORT_IN_KEY = re.compile(r"^[a-z_]+:(\d+):")
FIELDS = ("id", "kind", "channel", "recipient_id", "dedupe", "state", "attempts", "next_attempt_at",
          "last_error", "created_at", "sent_at", "read_at")  # fmt: skip


def forwards(apps, schema_editor):
    Old = apps.get_model("intake", "Notification")
    New = apps.get_model("notifications", "Notification")
    batch = []
    for row in Old.objects.order_by("pk").iterator(chunk_size=2000):
        if row.channel != "webhook" and row.recipient_id is None:
            continue  # nobody's: it was never shown or sent to anyone
        subject = ("report", row.report_id)
        if row.kind == "approval" and (match := APPROVAL.match(row.dedupe)):
            subject = ("decision", int(match.group(1)))
        batch.append(New(
            subject_type=subject[0], subject_id=subject[1], urgent=row.kind != "approval",
            **{f: getattr(row, f) for f in FIELDS},
        ))  # fmt: skip
        if len(batch) >= 2000:
            New.objects.bulk_create(batch)
            batch = []
    New.objects.bulk_create(batch)
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [New]):
            cursor.execute(sql)


def backwards(apps, schema_editor):
    """Back into intake's table: a report's rows, and a decision's rows written before the
    move (their key names the report). A decision's rows written after it are not moved
    back: intake's table cannot hold them."""
    Old = apps.get_model("intake", "Notification")
    New = apps.get_model("notifications", "Notification")
    batch = []
    for row in New.objects.order_by("pk").iterator(chunk_size=2000):
        if row.subject_type == "report":
            report_id = row.subject_id
        elif row.subject_type == "decision" and (match := REPORT_IN_KEY.match(row.dedupe)):
            report_id = int(match.group(1))
        else:
            continue
        batch.append(Old(report_id=report_id, **{f: getattr(row, f) for f in FIELDS}))
    Old.objects.bulk_create(batch)
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Old]):
            cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("intake", "0010_delete_registrysequence"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
