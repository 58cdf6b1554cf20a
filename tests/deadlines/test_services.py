"""Deadlines of a toy kind under a frozen, moved clock: start, warnings, breach and
escalation each exactly once (also with two workers scanning together), pause and resume,
met and met late, and targets as versioned data. Nothing of the platform is changed for
the toy kind: it is only registered."""

from __future__ import annotations

import datetime
import time

import pytest
import time_machine
from django.db import OperationalError

from zastita.audit.models import Action, AuditEvent
from zastita.core.crypto import keyring
from zastita.core.errors import Conflict, PermissionDenied, ValidationError
from zastita.core.periodic import periodic_jobs
from zastita.deadlines import selectors, services
from zastita.deadlines.models import Deadline, DeadlinePause, DeadlineState, DeadlineTarget
from zastita.deadlines.public import (
    deadline_pause,
    deadline_resume,
    deadline_scan,
    deadline_start,
    deadline_stop,
    deadline_target_set,
    deadlines_for_subject,
    deadlines_stop,
    pause_reason,
)

from ..conftest import events
from ..intake.conftest import in_threads
from .conftest import START

H = datetime.timedelta(hours=1)


def _audited(what: str) -> int:
    return AuditEvent.objects.filter(object_type=f"deadline_{what}").count()


def _start(toy, subject_id: int = 7, variant: str = "ordinary", at=START) -> Deadline:
    return deadline_start(kind=toy.kind.code, subject_id=subject_id, at=at, variant=variant)


# --- start ---


@pytest.mark.django_db
def test_a_deadline_starts_with_the_kinds_default_and_is_audited(toy):
    deadline = _start(toy)
    assert (deadline.subject_type, deadline.subject_id, deadline.state) == ("toy", 7, "running")
    assert deadline.due_at == START + 10 * H
    assert deadline.warn_times() == [START + 5 * H, START + 8 * H]
    assert deadline.next_check_at == START + 5 * H
    assert deadline.target is None
    assert _audited("start") == 1
    urgent = _start(toy, subject_id=8, variant="urgent")
    assert urgent.due_at == START + 2 * H


@pytest.mark.django_db
def test_a_deadline_starts_with_the_target_in_force_and_keeps_it(toy, head):
    first = deadline_target_set(actor=head, kind=toy.kind.code, variant="ordinary",
                                target=3 * H, warn_at_percent=[50], expected_version=0)  # fmt: skip
    deadline = _start(toy)
    assert (deadline.due_at, deadline.target) == (START + 3 * H, first)
    assert deadline.warn_times() == [START + 1.5 * H]
    second = deadline_target_set(actor=head, kind=toy.kind.code, variant="ordinary",
                                 target=datetime.timedelta(days=2), warn_at_percent=[80],
                                 expected_version=1)  # fmt: skip
    assert second.version == 2
    assert second.changed_by == head
    deadline.refresh_from_db()
    assert deadline.due_at == START + 3 * H  # a running deadline keeps its target
    assert _start(toy, subject_id=9).due_at == START + datetime.timedelta(days=2)
    # Both versions are kept, with who set them, and each change is audited.
    assert DeadlineTarget.objects.filter(kind=toy.kind.code).count() == 2
    assert len(events(action=Action.UPDATE, object_type="deadline_target", actor=head)) == 2


@pytest.mark.django_db
def test_one_open_deadline_of_a_kind_per_subject(toy):
    from django.db import IntegrityError, transaction

    _start(toy)
    with pytest.raises(IntegrityError), transaction.atomic():
        _start(toy)
    deadlines_stop(kind=toy.kind.code, subject_id=7, at=START + H)
    assert _start(toy, at=START + 2 * H).state == DeadlineState.RUNNING


@pytest.mark.django_db
def test_several_kinds_start_on_one_subject_in_one_insert(toy, head, django_assert_num_queries):
    from zastita.core.registries.deadlines import DeadlineKind, deadline_kinds

    other = DeadlineKind(code="toy.paint", label="Toy paint", subject_type="toy",
                         default_target=24 * H, audit_as="toyclock")  # fmt: skip
    deadline_kinds.register(other.code, other)
    try:
        deadline_target_set(actor=head, kind=toy.kind.code, variant="", target=4 * H,
                            warn_at_percent=[], expected_version=0)  # fmt: skip
        # The targets and one insert (in a savepoint), whatever the number of kinds.
        with django_assert_num_queries(4):
            started = services.deadlines_start(
                kinds=[toy.kind.code, other.code], subject_id=3, at=START, audit=False
            )
        assert [(d.kind, d.due_at) for d in started] == [
            (toy.kind.code, START + 4 * H), (other.code, START + 24 * H)]  # fmt: skip
        subjects = services.start_subjects(started)
        assert [s.object_type for s in subjects] == ["deadline_start", "toyclock_start"]
        # A kind's own prefix names all its events, and a stop may be audited by the caller.
        deadlines_stop(kind=other.code, subject_id=3, at=START + H, audit=False)
        deadline_stop(deadline=started[1], at=START + H)  # already stopped: nothing happens
        assert _audited("stop") == 0
        assert AuditEvent.objects.filter(object_type__startswith="toyclock_").count() == 0
        deadline_start(kind=other.code, subject_id=3, at=START + 2 * H)
        deadline_scan(START + 30 * H)
        assert AuditEvent.objects.filter(object_type="toyclock_breach").count() == 1
        assert AuditEvent.objects.filter(object_type="toyclock_start").count() == 1
    finally:
        deadline_kinds.unregister(other.code)


# --- the steps ---


@pytest.mark.django_db
def test_warnings_breach_and_escalation_each_once_with_recipients_and_link(toy, make_user):
    toy.workers.append(make_user("worker"))
    toy.heads.append(make_user("head_of_service"))
    deadline = _start(toy)
    assert deadline_scan(START + 4 * H)["warning"] == 0
    assert deadline_scan(START + 5 * H)["warning"] == 1
    assert deadline_scan(START + 6 * H)["warning"] == 0
    assert deadline_scan(START + 8 * H)["warning"] == 1
    counts = deadline_scan(START + 10 * H)
    assert (counts["breach"], counts["escalation"]) == (1, 1)
    assert deadline_scan(START + 20 * H) == {"warning": 0, "breach": 0, "escalation": 0,
                                             "toy.scanned": 1}  # fmt: skip
    assert [n.tag for n in toy.steps("warning")] == ["0", "1"]
    breach = toy.steps("breach")[0]
    assert breach.recipients == tuple(toy.workers)
    assert toy.steps("escalation")[0].recipients == tuple(toy.heads)
    assert (breach.subject_type, breach.subject_id, breach.link) == ("toy", 7, "/toys/7/")
    assert (_audited("warning"), _audited("breach"), _audited("escalation")) == (2, 1, 1)
    deadline.refresh_from_db()
    assert deadline.breached_at == deadline.escalated_at == START + 10 * H
    assert deadline.next_check_at is None


@pytest.mark.django_db
def test_late_warnings_are_claimed_but_not_sent(toy):
    _start(toy)
    assert deadline_scan(START + 11 * H) == {"warning": 0, "breach": 1, "escalation": 1,
                                             "toy.scanned": 1}  # fmt: skip
    assert not toy.steps("warning")
    assert Deadline.objects.get().warnings_sent == 2


@pytest.mark.django_db(transaction=True)
def test_each_step_once_with_two_workers_scanning_together(toy, make_user):
    toy.heads.append(make_user("head_of_service"))
    for subject_id in range(1, 6):
        _start(toy, subject_id=subject_id)

    def two_workers(at: datetime.datetime) -> None:
        def worker(_i: int) -> None:
            for _ in range(3):
                for attempt in range(50):
                    try:
                        deadline_scan(at)
                        break
                    except OperationalError:  # SQLite: the other worker holds the lock
                        time.sleep(0.02 * (attempt + 1))

        assert in_threads(worker, 2) == []

    for hours in (5, 8, 10, 12):
        two_workers(START + hours * H)
    assert len(toy.steps("warning")) == 10
    assert len(toy.steps("breach")) == 5
    assert len(toy.steps("escalation")) == 5
    assert (_audited("warning"), _audited("breach"), _audited("escalation")) == (10, 5, 5)


@pytest.mark.django_db
def test_a_worker_killed_mid_step_loses_nothing(toy):
    _start(toy)
    told = toy.notices.append
    calls = {"n": 0}

    def dies_once(notice: object) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("the worker process was killed here")
        told(notice)

    object.__setattr__(toy.kind, "on_step", dies_once)
    with pytest.raises(RuntimeError):
        deadline_scan(START + 10 * H)
    deadline = Deadline.objects.get()
    # The whole pass over this deadline rolled back with the failed step: nothing was claimed.
    assert (deadline.warnings_sent, deadline.breached_at) == (0, None)
    assert _audited("breach") == 0
    counts = deadline_scan(START + 10 * H)
    assert (counts["breach"], counts["escalation"]) == (1, 1)
    assert len(toy.steps("breach")) == 1


@pytest.mark.django_db
def test_the_scan_is_a_periodic_job_and_runs_the_kinds_scanners(toy):
    job = periodic_jobs.get("deadlines.scan")
    _start(toy)
    with time_machine.travel(START + 11 * H, tick=False):
        counts = job.run()
    assert (counts["deadlines.breach"], counts["deadlines.escalation"]) == (1, 1)
    assert counts["deadlines.toy.scanned"] == 1
    assert toy.scanned == [START + 11 * H]
    assert toy.prefetched == [[7]]  # the due deadlines' subjects, once a pass


@pytest.mark.django_db
def test_one_scan_reads_only_the_deadlines_that_are_due(toy, django_assert_max_num_queries):
    for subject_id in range(1, 11):
        _start(toy, subject_id=subject_id, at=START + subject_id * H)
    with django_assert_max_num_queries(1):
        assert deadline_scan(START)["warning"] == 0
    assert Deadline.objects.filter(next_check_at__lte=START + 6 * H).count() == 1


# --- stop ---


@pytest.mark.django_db
def test_met_met_late_and_cancelled(toy, worker_user):
    on_time, _late, _dropped = (_start(toy, subject_id=i) for i in (1, 2, 3))
    deadline_stop(deadline=on_time, at=START + 10 * H, actor=worker_user)
    deadlines_stop(kind=toy.kind.code, subject_id=2, at=START + 10 * H + H, actor=worker_user)
    deadlines_stop(kind=[toy.kind.code], subject_id=3, at=START + H, cancel=True)
    states = {
        d.subject_id: (d.state, d.stopped_at, d.next_check_at) for d in Deadline.objects.all()
    }
    assert states == {
        1: (DeadlineState.MET, START + 10 * H, None),
        2: (DeadlineState.MET_LATE, START + 11 * H, None),
        3: (DeadlineState.CANCELLED, START + H, None),
    }
    assert _audited("stop") == 3
    # A stopped deadline takes no more steps, and stopping it again changes nothing.
    assert deadline_scan(START + 30 * H)["breach"] == 0
    again = deadline_stop(deadline=on_time, at=START + 30 * H)
    assert (again.state, again.stopped_at) == (DeadlineState.MET, START + 10 * H)


# --- pause and resume ---


@pytest.mark.django_db
def test_a_pause_moves_the_due_time_and_the_warnings_and_is_kept(toy, worker_user):
    deadline = _start(toy)
    paused = deadline_pause(deadline=deadline, actor=worker_user, reason="  Чека се  тумач. ",
                            at=START + 2 * H)  # fmt: skip
    assert (paused.state, paused.next_check_at) == (DeadlineState.PAUSED, None)
    assert pause_reason(paused) == "Чека се тумач."
    # Nothing happens to a paused deadline, however late.
    assert deadline_scan(START + 20 * H)["breach"] == 0
    resumed = deadline_resume(deadline=paused, actor=worker_user, at=START + 5 * H)
    assert resumed.state == DeadlineState.RUNNING
    assert resumed.paused_total == 3 * H
    assert resumed.due_at == START + 13 * H
    assert resumed.warn_times() == [START + 8 * H, START + 11 * H]
    assert resumed.next_check_at == START + 8 * H
    assert (resumed.pause_reason, resumed.paused_at) == ("", None)
    assert deadline_scan(START + 12 * H) == {"warning": 2, "breach": 0, "escalation": 0,
                                             "toy.scanned": 1}  # fmt: skip
    deadline_stop(deadline=resumed, at=START + 13 * H)
    assert Deadline.objects.get().state == DeadlineState.MET  # on time, thanks to the pause
    pause = DeadlinePause.objects.get()
    assert (pause.paused_at, pause.resumed_at, pause.length) == (START + 2 * H, START + 5 * H,
                                                                 3 * H)  # fmt: skip
    assert (pause.paused_by, pause.resumed_by) == (worker_user, worker_user)
    assert services.pause_history_reason(pause) == "Чека се тумач."
    # The reason is stored encrypted, and the audit holds only codes and ids.
    assert "тумач" not in pause.reason
    assert (
        keyring().decrypt(pause.reason, context=f"deadline_pause:{pause.pk}:reason".encode())
        == "Чека се тумач."
    )
    assert (_audited("pause"), _audited("resume")) == (1, 1)
    shown = deadlines_for_subject(subject_type="toy", subject_id=7)
    assert [d.pk for d in shown] == [deadline.pk]
    assert shown[0].kind_label == "Toy repair"  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_a_deadline_stopped_while_paused_counts_the_pause(toy, worker_user):
    deadline = _start(toy)
    deadline_pause(deadline=deadline, actor=worker_user, reason="чека", at=START + 9 * H)
    stopped = deadline_stop(deadline=deadline, at=START + 12 * H)
    assert (stopped.state, stopped.due_at) == (DeadlineState.MET, START + 13 * H)
    assert DeadlinePause.objects.get().resumed_at == START + 12 * H


@pytest.mark.django_db
def test_pause_and_resume_refuse_what_makes_no_sense(toy, worker_user):
    deadline = _start(toy)
    with pytest.raises(ValidationError) as refused:
        deadline_pause(deadline=deadline, actor=worker_user, reason="   ")
    assert "reason" in refused.value.fields
    with pytest.raises(Conflict):
        deadline_resume(deadline=deadline, actor=worker_user)
    deadline_pause(deadline=deadline, actor=worker_user, reason="чека", at=START + H)
    with pytest.raises(Conflict):
        deadline_pause(deadline=deadline, actor=worker_user, reason="опет")
    with pytest.raises(ValidationError):
        deadline_resume(deadline=deadline, actor=worker_user, at=START)
    assert _audited("pause") == 1
    assert _audited("resume") == 0


# --- targets ---


@pytest.mark.django_db
def test_targets_are_set_by_the_head_of_service_only(toy, make_user):
    for role in ("worker", "director", "duty_worker"):
        with pytest.raises(PermissionDenied):
            deadline_target_set(actor=make_user(role), kind=toy.kind.code, variant="urgent",
                                target=H, warn_at_percent=[], expected_version=0)  # fmt: skip
    assert not DeadlineTarget.objects.filter(kind=toy.kind.code).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("target", "percents", "field"), [
    (datetime.timedelta(minutes=30), [50], "amount"),
    (datetime.timedelta(minutes=90), [50], "amount"),
    (datetime.timedelta(days=400), [50], "amount"),
    (H, [0, 50], "warn_at_percent"),
    (H, [10, 20, 30, 40, 50, 60], "warn_at_percent"),
])  # fmt: skip
def test_a_target_refuses_impossible_values(toy, head, target, percents, field):
    with pytest.raises(ValidationError) as refused:
        deadline_target_set(actor=head, kind=toy.kind.code, variant="urgent", target=target,
                            warn_at_percent=percents, expected_version=0)  # fmt: skip
    assert field in refused.value.fields
    assert not DeadlineTarget.objects.filter(kind=toy.kind.code).exists()


@pytest.mark.django_db
def test_a_stale_target_change_is_a_conflict_and_unknown_kinds_are_not_found(toy, head):
    deadline_target_set(actor=head, kind=toy.kind.code, variant="urgent", target=H,
                        warn_at_percent=[], expected_version=0)  # fmt: skip
    with pytest.raises(Conflict):
        deadline_target_set(actor=head, kind=toy.kind.code, variant="urgent", target=2 * H,
                            warn_at_percent=[], expected_version=0)  # fmt: skip
    for kind, variant in (("toy.nothing", ""), (toy.kind.code, "nonsense")):
        with pytest.raises(PermissionDenied):
            deadline_target_set(actor=head, kind=kind, variant=variant, target=H,
                                warn_at_percent=[], expected_version=0)  # fmt: skip
    assert DeadlineTarget.objects.filter(kind=toy.kind.code).count() == 1


# --- reads for the owning app's pages ---


@pytest.mark.django_db
def test_the_reads_for_list_pages_and_boards(toy, worker_user, django_assert_num_queries):
    first, second, third = (_start(toy, subject_id=i, at=START + i * H) for i in (1, 2, 3))
    deadline_stop(deadline=third, at=START + 4 * H)
    with django_assert_num_queries(1):
        found = selectors.running_by_subject(subject_type="toy", subject_ids=[1, 2, 3, 9])
    assert {k: [d.pk for d in v] for k, v in found.items()} == {1: [first.pk], 2: [second.pk]}
    now = START + 11 * H + H / 2
    assert list(selectors.overdue_subject_ids(subject_type="toy", now=now)) == [1]
    assert selectors.overdue_count(subject_type="toy", now=now, kinds=[toy.kind.code]) == 1
    assert selectors.overdue_count(subject_type="toy", now=now, kinds=["toy.other"]) == 0
    board = selectors.running_deadlines(subject_type="toy")
    assert [d.pk for d in board] == [first.pk, second.pk]
    assert first.get_kind_display() == "Toy repair"
    assert first.seconds_left(now) == -1800
    paused = deadline_pause(deadline=second, actor=worker_user, reason="чека", at=START + 3 * H)
    assert paused.seconds_left(now) == 9 * 3600  # the count stopped when it was paused


@pytest.mark.django_db
def test_the_subjects_deadlines_render_for_its_page(toy, worker_user):
    from django.template.loader import render_to_string

    deadline = _start(toy)
    deadline_pause(deadline=deadline, actor=worker_user, reason="чека", at=START + H)
    deadline_resume(deadline=deadline, actor=worker_user, at=START + 2 * H + H / 2)
    html = render_to_string("deadlines/_subject_deadlines.html", {
        "deadlines": deadlines_for_subject(subject_type="toy", subject_id=7), "now": START,
    })  # fmt: skip
    assert "Toy repair" in html
    assert "1:30" in html  # the time paused
    assert "чека" not in html  # the reason is not on the list


@pytest.mark.django_db
def test_a_kind_may_write_its_messages_through_the_notifications_platform(toy, make_user):
    notifications = pytest.importorskip("zastita.notifications.public")
    from zastita.core.registries.deadlines import DeadlineKind, deadline_kinds

    head = make_user("head_of_service")
    spec = notifications.NotificationKindSpec(
        code="toy.late", label="toy late", text=lambda subject_id, language: f"Toy {subject_id}",
        link=lambda subject_type, subject_id: f"/toys/{subject_id}/", channels=("in_app",),
    )  # fmt: skip
    notifications.notification_kinds.register(spec.code, spec)
    kind = DeadlineKind(
        code="toy.paging", label="Toy paging", subject_type="toy",
        default_target=H, warn_at_percent=(), recipients=lambda subject_id, step, at: [head],
        notify_as={"breach": "toy.late", "escalation": "toy.late"},
    )  # fmt: skip
    deadline_kinds.register(kind.code, kind)
    try:
        deadline_start(kind=kind.code, subject_id=4, at=START)
        deadline_scan(START + 2 * H)
        deadline_scan(START + 3 * H)
        sent = notifications.Notification.objects.filter(kind="toy.late", recipient=head)
        assert sent.count() == 2  # the breach and the escalation, once each
        assert {(n.subject_type, n.subject_id) for n in sent} == {("toy", 4)}
    finally:
        deadline_kinds.unregister(kind.code)
        notifications.notification_kinds.unregister(spec.code)


@pytest.mark.django_db
def test_the_subject_access_section_lists_the_deadlines_of_the_persons_records(toy, worker_user):
    from zastita.core.registries.subject_access import subject_access_sections

    section = subject_access_sections.get("deadlines.deadlines")
    deadline = _start(toy)
    _start(toy, subject_id=8)  # another record's
    deadline_pause(deadline=deadline, actor=worker_user, reason="Чека се тумач.", at=START + H)
    deadline_resume(deadline=deadline, actor=worker_user, at=START + 2 * H)
    assert section.collect is not None
    data = section.collect([1], [("toy", 7)])
    assert [(r["kind"], r["state"], r["paused_minutes"]) for r in data.rows] == [
        ("Toy repair", "running", 60)]  # fmt: skip
    assert "тумач" not in str(data.rows)  # the pause's reason is about the record
    assert section.collect([1], []).rows == []
