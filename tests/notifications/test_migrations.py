"""Intake's outbox moved into the platform's: every old row is kept, about its subject."""

from __future__ import annotations

import pytest
from django.utils import timezone

from zastita.notifications.models import Notification
from zastita.notifications.public import notify

from ..conftest import latest, migrate_to

BEFORE = [("intake", "0010_delete_registrysequence"), ("notifications", "0001_initial")]


@pytest.mark.django_db(transaction=True)
def test_the_old_rows_move_to_the_platform_about_their_subject(make_user):
    user = make_user("worker")
    old_apps = migrate_to(BEFORE)
    try:
        Report = old_apps.get_model("intake", "Report")
        Old = old_apps.get_model("intake", "Notification")
        now = timezone.now()
        report = Report.objects.create(
            year=2026, sequence=1, channel="phone", received_at=now, reporter_kind="anonymous",
            urgency="ordinary", narrative="", key_id="k1",
        )  # fmt: skip
        common = {"report_id": report.pk, "next_attempt_at": now, "created_at": now}
        seen_id = Old.objects.create(
            kind="new_report", channel="in_app", recipient_id=user.pk,
            dedupe=f"new_report:{report.pk}::app:{user.pk}", state="sent", sent_at=now,
            read_at=now, **common,
        ).pk  # fmt: skip
        Old.objects.create(kind="breach", channel="webhook", dedupe="breach:77::hook",
                           state="failed", attempts=5, last_error="HTTP 503", **common)  # fmt: skip
        Old.objects.create(kind="approval", channel="email", recipient_id=user.pk,
                           dedupe=f"approval:{report.pk}:decision:42:mail:{user.pk}",
                           **common)  # fmt: skip
    finally:
        migrate_to(latest("intake") + latest("notifications"))
    rows = {n.kind: n for n in Notification.objects.all()}
    assert set(rows) == {"new_report", "breach", "approval"}
    seen = rows["new_report"]
    assert (seen.subject_type, seen.subject_id, seen.recipient_id) == ("report", report.pk, user.pk)
    assert (seen.state, seen.read_at is not None, seen.urgent) == ("sent", True, True)
    hook = rows["breach"]
    assert (hook.channel, hook.recipient_id, hook.state, hook.attempts, hook.last_error) == (
        "webhook", None, "failed", 5, "HTTP 503")  # fmt: skip
    assert hook.dedupe == "breach:77::hook"  # the old key: a repeat is still a no-op
    approval = rows["approval"]
    assert (approval.subject_type, approval.subject_id, approval.urgent) == ("decision", 42, False)
    assert approval.state == "pending"
    # Ids are kept (the duty board compares them), and the next row comes after them.
    assert seen.pk == seen_id
    notify(kind="new_report", subject_type="report", subject_id=report.pk, recipients=[user],
           tag="after")  # fmt: skip
    assert Notification.objects.latest("pk").pk > max(n.pk for n in rows.values())
