"""Response clocks: started and stopped by the report workflow, advanced by the worker.

A clock runs in real time. Each warning threshold, the breach and the escalation to the
head of service happens once: the worker claims it with a conditional UPDATE (only one of
two workers sees a row change) and writes the audit event and the notifications in the same
transaction. A worker killed half-way rolls back, and the next scan does the work.

The field-visit clock is one per report and is met only by field interviews: see
`field_visit_refresh` for the rule (every person concerned seen, or set aside).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from zastita.accounts.capabilities import Capability
from zastita.audit.models import Action, Purpose
from zastita.audit.services import Subject, audit_record
from zastita.intake import slots
from zastita.intake.models import (
    ClockKind,
    ClockState,
    ClockTarget,
    NotificationKind,
    Report,
    ResponseClock,
    Urgency,
)
from zastita.intake.roster import OnDuty, on_duty, users_with
from zastita.notifications.public import notify

log = logging.getLogger(__name__)

# Used when the Center has not set a target (they are data: ClockTarget, seeded by a migration).
DEFAULT_MINUTES = {
    (ClockKind.FIRST_CONTACT, Urgency.IMMEDIATE): 60,
    (ClockKind.FIRST_CONTACT, Urgency.CHILD): 60,
    (ClockKind.FIRST_CONTACT, Urgency.ORDINARY): 240,
    (ClockKind.DECISION, Urgency.IMMEDIATE): 240,
    (ClockKind.DECISION, Urgency.CHILD): 480,
    (ClockKind.DECISION, Urgency.ORDINARY): 2880,
    (ClockKind.FIELD_VISIT, Urgency.IMMEDIATE): 1440,
    (ClockKind.FIELD_VISIT, Urgency.CHILD): 1440,
    (ClockKind.FIELD_VISIT, Urgency.ORDINARY): 1440,
}
DEFAULT_WARNINGS = [50, 80]


def _targets(kinds: Iterable[str], urgency: str) -> dict[str, tuple[int, list[int]]]:
    """The targets for these kinds at this urgency, in one query."""
    found = {
        t.kind: (t.minutes, sorted(int(p) for p in t.warn_at_percent if 0 < int(p) < 100))
        for t in ClockTarget.objects.filter(kind__in=list(kinds), urgency=urgency)
    }
    return {
        kind: found.get(kind) or (DEFAULT_MINUTES[(ClockKind(kind), Urgency(urgency))],
                                  DEFAULT_WARNINGS)
        for kind in kinds
    }  # fmt: skip


def _audit(clock: ResponseClock, what: str, actor: object | None = None) -> None:
    audit_record(
        action=Action.TRANSITION, actor=actor, object_type=f"clock_{what}", object_id=clock.pk,
        purpose=Purpose.CASE_WORK,
    )  # fmt: skip


def clocks_start(
    report: Report,
    kinds: Iterable[str],
    *,
    at: datetime.datetime,
    actor: object | None = None,
    audit: bool = True,
) -> list[ResponseClock]:
    """Starts one clock per kind, counting from `at`: one insert, and one audit call (or
    none, when the caller records the starts with its own event)."""
    clocks = []
    for kind, (minutes, percents) in _targets(list(kinds), report.urgency).items():
        span = datetime.timedelta(minutes=minutes)
        warn_times = [at + span * p / 100 for p in percents]
        clocks.append(ResponseClock(
            report=report, kind=kind, started_at=at, due_at=at + span,
            warn_times=[w.isoformat() for w in warn_times],
            next_check_at=warn_times[0] if warn_times else at + span,
        ))  # fmt: skip
    # Both supported databases return the new ids from a bulk insert.
    clocks = ResponseClock.objects.bulk_create(clocks)
    if audit:
        audit_record(
            action=Action.TRANSITION, actor=actor, purpose=Purpose.CASE_WORK,
            subjects=start_subjects(clocks),
        )  # fmt: skip
    return clocks


def start_subjects(clocks: list[ResponseClock]) -> list[Subject]:
    return [Subject("clock_start", str(c.pk), Action.TRANSITION) for c in clocks]


def clocks_stop(
    report: Report, kinds: Iterable[str], *, at: datetime.datetime, actor: object | None = None,
    cancel: bool = False,
) -> None:  # fmt: skip
    """Stops the report's running clocks of these kinds: met, met late, or (cancel) no
    longer needed because the report ended."""
    running = ResponseClock.objects.select_for_update().filter(
        report=report, kind__in=list(kinds), state=ClockState.RUNNING
    )
    for clock in running:
        _stop(clock, at=at, cancel=cancel, actor=actor)


def _stop(
    clock: ResponseClock, *, at: datetime.datetime, cancel: bool, actor: object | None
) -> None:
    """Met by `at` (or met late), or cancelled when no longer needed; audited."""
    if cancel:
        clock.state = ClockState.CANCELLED
    else:
        clock.state = ClockState.MET if at <= clock.due_at else ClockState.MISSED
    clock.stopped_at = at
    clock.next_check_at = None
    clock.save(update_fields=["state", "stopped_at", "next_check_at", "updated_at"])
    _audit(clock, "stop", actor)


def field_visit_refresh(report: Report, *, actor: object | None = None) -> ResponseClock | None:
    """Stops the report's field-visit clock once every person concerned has been seen
    (inside the caller's transaction). The rule:

    - One clock per report, started at acceptance, but it waits for every person of the
      report: the mobile team must see each of them. A person is seen at their first field
      identification interview (its `held_at`, the time of the visit). Nothing else meets
      the clock: starting identification, opening a person's identification, a first
      conversation or a needs assessment do not.
    - A person set aside with a reason (found not to exist, or withdrawn from the report) is
      no longer waited for, from the moment they were set aside (or from their visit, if
      they were seen before).
    - The clock stops when nobody is left waiting, at the latest of those moments: met if
      that is by the due time, met late after it. If nobody was seen at all because every
      person was set aside, no visit is needed: the clock is cancelled.
    - Discontinuing or closing the report cancels the clock, as before.
    """
    from zastita.intake.models import ReportPerson

    clock = (
        ResponseClock.objects.select_for_update()
        .filter(report=report, kind=ClockKind.FIELD_VISIT, state=ClockState.RUNNING)
        .first()
    )
    if clock is None:
        return None
    seen: dict[int, datetime.datetime] = {}
    for found in slots.report_persons_seen.collect(report):
        for pk, at in found.items():
            seen[pk] = min(at, seen.get(pk, at))
    done: list[datetime.datetime] = []
    for pk, set_aside_at in ReportPerson.objects.filter(report=report).values_list(
        "pk", "set_aside_at"
    ):
        times = [t for t in (seen.get(pk), set_aside_at) if t is not None]
        if not times:
            return clock  # someone is still waiting for the visit
        done.append(min(times))
    if not done:
        return clock
    _stop(clock, at=max(done), cancel=not seen, actor=actor)
    return clock


def _claim(clock: ResponseClock, **changes: object) -> bool:
    """One conditional UPDATE: true for exactly one of the workers racing for this step. It
    also moves the clock's next check, so a claimed step costs a single statement."""
    guard = {k: getattr(clock, k) for k in ("warnings_sent", "breached_at", "escalated_at")}
    guard = {f"{k}__isnull" if v is None else k: True if v is None else v for k, v in guard.items()}
    after = {k: getattr(clock, k) for k in ("warnings_sent", "breached_at", "escalated_at")}
    after.update(changes)
    probe = ResponseClock(
        warn_times=clock.warn_times, due_at=clock.due_at,
        warnings_sent=after["warnings_sent"], breached_at=after["breached_at"],
    )  # fmt: skip
    claimed = ResponseClock.objects.filter(pk=clock.pk, state=ClockState.RUNNING, **guard).update(
        **changes, next_check_at=_next_check(probe), updated_at=timezone.now()
    )
    return bool(claimed)


def _recipients(report: Report, duty: OnDuty, *, with_backup: bool) -> list[object]:
    people: list[object] = [report.assigned_to] if report.assigned_to else []
    people += duty.primary if not people else []
    if with_backup or not people:
        people += duty.backup
    if not people:
        people += users_with(Capability.CASES_COORDINATE)
    return list(dict.fromkeys(people))


def _next_check(clock: ResponseClock) -> datetime.datetime | None:
    if clock.warnings_sent < len(clock.warn_times):
        return datetime.datetime.fromisoformat(clock.warn_times[clock.warnings_sent])
    if clock.breached_at is None:
        return clock.due_at
    return None


def _advance(clock: ResponseClock, now: datetime.datetime, duty: OnDuty) -> list[str]:
    """Everything due on this clock at `now`, each step claimed on its own."""
    done: list[str] = []
    report = clock.report
    # Warnings not yet sent, oldest first; once the clock is past due only the breach is news.
    while clock.warnings_sent < len(clock.warn_times) and (
        datetime.datetime.fromisoformat(clock.warn_times[clock.warnings_sent]) <= now
    ):
        step = clock.warnings_sent
        late = now >= clock.due_at
        if not _claim(clock, warnings_sent=step + 1):
            return done  # another worker has this clock
        clock.warnings_sent = step + 1
        if not late:
            _audit(clock, "warning")
            notify(kind=NotificationKind.WARNING, subject_type="report", subject_id=report.pk,
                   recipients=_recipients(report, duty, with_backup=False),
                   tag=f"clock:{clock.pk}:{step}", at=now)  # fmt: skip
            done.append("warning")
    if clock.breached_at is None and now >= clock.due_at:
        if not _claim(clock, breached_at=now):
            return done
        clock.breached_at = now
        _audit(clock, "breach")
        notify(kind=NotificationKind.BREACH, subject_type="report", subject_id=report.pk,
               recipients=_recipients(report, duty, with_backup=True), tag=f"clock:{clock.pk}",
               at=now)  # fmt: skip
        done.append("breach")
    if clock.breached_at is not None and clock.escalated_at is None:
        if not _claim(clock, escalated_at=now):
            return done
        clock.escalated_at = now
        _audit(clock, "escalation")
        notify(kind=NotificationKind.ESCALATION, subject_type="report", subject_id=report.pk,
               recipients=users_with(Capability.CASES_COORDINATE), tag=f"clock:{clock.pk}",
               at=now)  # fmt: skip
        done.append("escalation")
    return done


def clock_scan(now: datetime.datetime | None = None, *, limit: int = 500) -> dict[str, int]:
    """One pass over the clocks that are due: an index range on (state, next_check_at)."""
    now = now or timezone.now()
    counts = {"warning": 0, "breach": 0, "escalation": 0}
    due = list(
        ResponseClock.objects.filter(state=ClockState.RUNNING, next_check_at__lte=now)
        .select_related("report", "report__assigned_to")
        .order_by("next_check_at")[:limit]
    )
    if not due:
        return counts
    duty = on_duty(now)  # once per scan, not per clock
    for clock in due:
        with transaction.atomic():
            for step in _advance(clock, now, duty):
                counts[step] += 1
    return counts


MAX_TARGET_MINUTES = 7 * 24 * 60


@transaction.atomic(durable=True)
def clock_target_update(
    *, actor: object, target: ClockTarget, minutes: int, warn_at_percent: list[int]
) -> ClockTarget:
    """Changes a response target (head of service). Clocks already running keep the target
    they started with; new ones use this. Who changed it is kept and audited."""
    from django.utils.translation import gettext as _

    from zastita.core.errors import PermissionDenied, ValidationError

    if not getattr(actor, "has_perm", lambda p: False)("intake.manage_targets"):
        raise PermissionDenied(object_type="clock_target", object_id=str(target.pk))
    errors: dict[str, list[str]] = {}
    if not 5 <= minutes <= MAX_TARGET_MINUTES:
        errors["minutes"] = [_("Between 5 minutes and 7 days (10,080 minutes).")]
    percents = sorted(set(warn_at_percent))
    if any(not 1 <= p <= 99 for p in percents) or len(percents) > 5:
        errors["warn_at_percent"] = [_("Up to five values between 1 and 99.")]
    if errors:
        raise ValidationError(fields=errors)
    target.minutes, target.warn_at_percent = minutes, percents
    target.changed_by_id = getattr(actor, "pk", None)
    target.save(update_fields=["minutes", "warn_at_percent", "changed_by", "updated_at"])
    audit_record(
        action=Action.UPDATE, actor=actor, object_type="clock_target", object_id=target.pk,
        purpose=Purpose.ADMINISTRATION,
    )  # fmt: skip
    return target
