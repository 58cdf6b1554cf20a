"""Response clocks under a frozen, moved clock: warning, breach and escalation to the head
of service, each exactly once, with two workers scanning at the same time."""

from __future__ import annotations

import datetime
import time

import pytest
import time_machine
from django.db import OperationalError
from django.utils import timezone

from zastita.audit.models import AuditEvent
from zastita.core.periodic import periodic_pass
from zastita.intake import clocks as clock_module
from zastita.intake.clocks import clock_scan
from zastita.intake.models import ClockTarget, ResponseClock
from zastita.intake.services import report_create
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


def _sent(kind: str, clock: ResponseClock | None = None) -> list[Notification]:
    """The in-app messages of a kind (about one clock: its id is in the message's key)."""
    rows = Notification.objects.filter(kind=kind, channel="in_app", subject_type="report")
    if clock is not None:
        rows = rows.filter(subject_id=clock.report_id, dedupe__contains=f":clock:{clock.pk}")
    return list(rows)


def _audited(what: str) -> int:
    return AuditEvent.objects.filter(object_type=f"clock_{what}").count()


@pytest.mark.django_db(transaction=True)
def test_warning_breach_and_escalation_each_exactly_once_with_two_workers(make_user, organisation):
    worker = make_user("worker")
    head = make_user("head_of_service")
    ClockTarget.objects.filter(kind="first_contact", urgency="immediate").update(
        minutes=60, warn_at_percent=[50]
    )
    with time_machine.travel(START, tick=False) as traveller:
        report = report_create(actor=worker, data=report_input(urgency="immediate"))
        clock = ResponseClock.objects.get(report=report, kind="first_contact")
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
        real_notify = clock_module.notify
        calls = {"n": 0}

        def dies_once(*args: object, **kwargs: object) -> object:
            calls["n"] += 1
            if calls["n"] == 1:
                raise RuntimeError("the worker process was killed here")
            return real_notify(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(clock_module, "notify", dies_once)
        with pytest.raises(RuntimeError):
            clock_scan()
        # The claim rolled back with the failed step: nothing was marked as sent.
        clock = ResponseClock.objects.get(report=report, kind="first_contact")
        assert clock.breached_at is None
        counts = periodic_pass()  # the restarted worker
    assert counts["breach"] == 1
    assert counts["escalation"] == 1
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
    contact = ResponseClock.objects.get(report=report, kind="first_contact")
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
