"""Response clocks (deadlines of the platform, of intake's three kinds) under a frozen, moved
clock: warning, breach and escalation to the head of service, each exactly once, with two
workers scanning at the same time; and the migration that carried the old clocks over."""

from __future__ import annotations

import datetime
import importlib
import time

import pytest
import time_machine
from django.db import OperationalError
from django.utils import timezone

from zastita.audit.models import AuditEvent
from zastita.core.periodic import periodic_pass
from zastita.deadlines.public import Deadline, DeadlineTarget
from zastita.intake.clocks import clock_scan
from zastita.intake.models import Report
from zastita.intake.services import report_create
from zastita.notifications import public as notifications
from zastita.notifications.public import Notification

from .conftest import in_threads, report_input

START = datetime.datetime(2026, 3, 7, 22, 0, tzinfo=datetime.UTC)  # a Saturday night


def _two_workers(passes: int = 3) -> list[BaseException]:
    """Two workers, each with its own database connection, scanning together."""

    def worker(_i: int) -> None:
        for _ in range(passes):
            for attempt in range(50):
                try:
                    clock_scan()
                    break
                except OperationalError:  # SQLite: the other worker holds the lock
                    time.sleep(0.02 * (attempt + 1))

    return in_threads(worker, 2)


def _clock(report: Report, kind: str) -> Deadline:
    return Deadline.objects.get(subject_type="report", subject_id=report.pk, kind=f"intake.{kind}")


def _sent(kind: str, clock: Deadline | None = None) -> list[Notification]:
    """The in-app messages of a kind (about one clock: its id is in the message's key)."""
    rows = Notification.objects.filter(kind=kind, channel="in_app", subject_type="report")
    if clock is not None:
        rows = rows.filter(subject_id=clock.subject_id, dedupe__contains=f":deadline:{clock.pk}:")
    return list(rows)


def _audited(what: str) -> int:
    return AuditEvent.objects.filter(object_type=f"clock_{what}").count()


@pytest.mark.django_db(transaction=True)
def test_warning_breach_and_escalation_each_exactly_once_with_two_workers(make_user, organisation):
    worker = make_user("worker")
    head = make_user("head_of_service")
    DeadlineTarget.objects.filter(kind="intake.first_contact", variant="immediate").update(
        target=datetime.timedelta(minutes=60), warn_at_percent=[50]
    )
    with time_machine.travel(START, tick=False) as traveller:
        report = report_create(actor=worker, data=report_input(urgency="immediate"))
        clock = _clock(report, "first_contact")
        assert clock.due_at == START + datetime.timedelta(minutes=60)

        traveller.move_to(START + datetime.timedelta(minutes=29))
        assert not _two_workers()
        assert not _sent("warning")

        traveller.move_to(START + datetime.timedelta(minutes=31))
        assert not _two_workers()
        assert len(_sent("warning", clock=clock)) == 1
        assert not _sent("breach")

        traveller.move_to(START + datetime.timedelta(minutes=61))
        assert not _two_workers()
        traveller.move_to(START + datetime.timedelta(minutes=90))
        assert not _two_workers()

    assert len(_sent("warning", clock=clock)) == 1
    assert len(_sent("breach", clock=clock)) == 1
    escalations = _sent("escalation", clock=clock)
    assert [n.recipient for n in escalations] == [head]
    # Every step audited once; the decision clock (4 hours) has not reached anything yet.
    assert (_audited("warning"), _audited("breach"), _audited("escalation")) == (1, 1, 1)
    clock.refresh_from_db()
    assert clock.breached_at == START + datetime.timedelta(minutes=61)
    assert clock.next_check_at is None


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_step_loses_nothing(make_user, monkeypatch):
    worker = make_user("worker")
    head = make_user("head_of_service")
    with time_machine.travel(START, tick=False) as traveller:
        report = report_create(actor=worker, data=report_input(urgency="immediate"))
        traveller.move_to(START + datetime.timedelta(hours=2))  # no worker ran meanwhile
        real_notify = notifications.notify
        calls = {"n": 0}

        def dies_once(*args: object, **kwargs: object) -> object:
            calls["n"] += 1
            if calls["n"] == 1:
                raise RuntimeError("the worker process was killed here")
            return real_notify(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(notifications, "notify", dies_once)
        with pytest.raises(RuntimeError):
            clock_scan()
        # The claim rolled back with the failed step: nothing was marked as sent.
        clock = _clock(report, "first_contact")
        assert clock.breached_at is None
        counts = periodic_pass()  # the restarted worker
    assert counts["deadlines.breach"] == 1
    assert counts["deadlines.escalation"] == 1
    assert [n.recipient for n in _sent("escalation")] == [head]
    assert len(_sent("breach")) == 1


@pytest.mark.django_db
def test_late_warnings_are_not_sent_once_the_breach_is_due(make_user):
    worker = make_user("worker")
    make_user("head_of_service")
    with time_machine.travel(START, tick=False) as traveller:
        report = report_create(actor=worker, data=report_input(urgency="immediate"))
        traveller.move_to(START + datetime.timedelta(hours=3))
        counts = clock_scan()
    # First contact (1 hour) is long past: its breach only, no stale warnings. The decision
    # clock (4 hours) is at 75 %: its 50 % warning is news.
    assert counts == {"warning": 1, "breach": 1, "escalation": 1}
    contact = _clock(report, "first_contact")
    assert not _sent("warning", clock=contact)
    assert len(_sent("breach", clock=contact)) == 1


@pytest.mark.django_db
def test_one_scan_reads_only_the_clocks_that_are_due(make_user, django_assert_max_num_queries):
    worker = make_user("worker")
    with time_machine.travel(START, tick=False):
        for _ in range(5):
            report_create(actor=worker, data=report_input(urgency="ordinary"))
        # Nothing due: one query finds nothing to do.
        with django_assert_max_num_queries(1):
            assert clock_scan() == {"warning": 0, "breach": 0, "escalation": 0}
    assert timezone.now() > START


# --- the migration that carried the clocks over to the deadlines platform ---

BEFORE = [("intake", "0011_notifications_moved"), ("deadlines", "0001_initial")]
TARGETS = importlib.import_module("zastita.intake.migrations.0002_clock_targets").TARGETS


def _old_rows(apps, head_id: int) -> dict[str, int]:
    """Reports and clocks as intake kept them before, written with the historical models."""
    Report_ = apps.get_model("intake", "Report")
    Clock = apps.get_model("intake", "ResponseClock")
    Target = apps.get_model("intake", "ClockTarget")
    # The targets the Center started from (a flushed test database may have lost them).
    for (kind, urgency), minutes in TARGETS.items():
        Target.objects.get_or_create(kind=kind, urgency=urgency, defaults={
            "minutes": minutes, "warn_at_percent": [50, 80]})  # fmt: skip
    Target.objects.filter(kind="first_contact", urgency="child").update(
        minutes=30, warn_at_percent=[25, 75], changed_by_id=head_id
    )
    H = datetime.timedelta(hours=1)

    def report(n: int, urgency: str):
        return Report_.objects.create(
            year=2025, sequence=n, status="registered", channel="phone", received_at=START,
            reporter_kind="anonymous", municipality="Ниш", urgency=urgency, narrative="x",
            key_id="t1",
        )  # fmt: skip

    def warns(start, span, *percents):
        return [(start + span * p / 100).isoformat() for p in percents]

    child, ordinary = report(1, "child"), report(2, "ordinary")
    made = {
        # Running, with its first warning sent and the second next.
        "running": Clock.objects.create(
            report=child, kind="first_contact", state="running", started_at=START,
            due_at=START + H / 2, warn_times=warns(START, H / 2, 25, 75), warnings_sent=1,
            next_check_at=START + H / 2 * 75 / 100,
        ),
        # Met late, after its breach and escalation.
        "missed": Clock.objects.create(
            report=ordinary, kind="decision", state="missed", started_at=START,
            due_at=START + 48 * H, warn_times=warns(START, 48 * H, 50, 80), warnings_sent=2,
            breached_at=START + 48 * H, escalated_at=START + 48 * H,
            stopped_at=START + 50 * H,
        ),
        "met": Clock.objects.create(
            report=ordinary, kind="first_contact", state="met", started_at=START,
            due_at=START + 4 * H, warn_times=warns(START, 4 * H, 50, 80), warnings_sent=1,
            stopped_at=START + 3 * H,
        ),
        "cancelled": Clock.objects.create(
            report=child, kind="field_visit", state="cancelled", started_at=START,
            due_at=START + 24 * H, warn_times=warns(START, 24 * H, 50, 80),
            stopped_at=START + H,
        ),
    }  # fmt: skip
    return {name: clock.pk for name, clock in made.items()}


def _as_tuples(apps) -> list[tuple]:
    Clock = apps.get_model("intake", "ResponseClock")
    return sorted(Clock.objects.values_list(
        "pk", "report_id", "kind", "state", "started_at", "due_at", "warn_times",
        "warnings_sent", "next_check_at", "breached_at", "escalated_at", "stopped_at",
    ))  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_the_migration_carries_every_clock_and_target_over_unchanged(make_user):
    from ..conftest import latest, migrate_to

    head = make_user("head_of_service")
    old = migrate_to(BEFORE)
    ids = _old_rows(old, head.pk)
    targets_before = sorted(
        old.get_model("intake", "ClockTarget").objects.values_list(
            "kind", "urgency", "minutes", "warn_at_percent", "changed_by_id"
        )
    )
    clocks_before = _as_tuples(old)
    created = {r.pk: r.created_at for r in old.get_model("intake", "ResponseClock").objects.all()}
    migrate_to(latest("intake"))

    # Every target: version 1 of the platform's, the same time, warnings and who set it.
    targets = sorted(
        (t.kind.removeprefix("intake."), t.variant, int(t.target.total_seconds() // 60),
         t.warn_at_percent, t.changed_by_id)
        for t in DeadlineTarget.objects.filter(kind__startswith="intake.", version=1)
    )  # fmt: skip
    assert targets == targets_before
    assert len(targets) == 9
    # Every clock: a deadline with the same id, times, steps and state.
    rows = {d.pk: d for d in Deadline.objects.filter(subject_type="report")}
    assert sorted(rows) == sorted(ids.values())
    for pk, report_id, kind, state, started, due, warn_times, sent, check, breached, escalated, \
            stopped in clocks_before:  # fmt: skip
        d = rows[pk]
        assert (d.subject_id, d.kind, d.started_at, d.due_at) == (
            report_id, f"intake.{kind}", started, due)  # fmt: skip
        assert d.state == {"missed": "met_late"}.get(state, state)
        assert [t.isoformat() for t in d.warn_times()] == warn_times
        assert (d.warnings_sent, d.next_check_at, d.breached_at, d.escalated_at,
                d.stopped_at) == (sent, check, breached, escalated, stopped)  # fmt: skip
        assert d.created_at == created[pk]
    running = rows[ids["running"]]
    assert (running.variant, running.allowed) == ("child", datetime.timedelta(minutes=30))
    assert running.target == DeadlineTarget.objects.get(
        kind="intake.first_contact", variant="child", version=1
    )
    # The next pass takes the running clock's second warning at its time, and a new clock's
    # id follows the carried ones.
    assert clock_scan(START + datetime.timedelta(minutes=22)) == {
        "warning": 0, "breach": 0, "escalation": 0}  # fmt: skip
    assert clock_scan(START + datetime.timedelta(minutes=23))["warning"] == 1
    with time_machine.travel(START, tick=False):
        report = report_create(actor=head, data=report_input(urgency="child"))
    assert _clock(report, "first_contact").pk > max(ids.values())

    # And back: the same rows again, in the old tables.
    new_clock = _clock(report, "first_contact").pk
    back = migrate_to(BEFORE)
    again = [row for row in _as_tuples(back) if row[0] != new_clock and row[1] != report.pk]
    expected = [
        row if row[0] != ids["running"] else (*row[:7], 2, row[5], *row[9:])
        for row in clocks_before
    ]  # the running clock sent its second warning meanwhile: its due time is next
    assert again == expected
