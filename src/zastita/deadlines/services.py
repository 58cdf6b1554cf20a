"""Deadlines: started and stopped by the owning app, paused and resumed with a reason,
advanced by the worker, and their targets changed by the head of service.

Each warning, the breach and the escalation happens once: the worker claims it with a
conditional UPDATE (only one of two workers sees the row change) and writes the audit event
and the kind's notifications in the same transaction. A worker killed half-way rolls back,
and the next pass does the work. Start and stop run inside the owning app's transaction.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from zastita.audit.models import Action, Purpose
from zastita.audit.services import Subject, audit_record
from zastita.core import crypto
from zastita.core.concurrency import check_version
from zastita.core.errors import Conflict, PermissionDenied, ValidationError
from zastita.core.registries.deadlines import (
    BREACH,
    ESCALATION,
    WARNING,
    DeadlineKind,
    StepNotice,
    deadline_kinds,
)
from zastita.deadlines.models import (
    OPEN_STATES,
    Deadline,
    DeadlinePause,
    DeadlineState,
    DeadlineTarget,
)

log = logging.getLogger(__name__)

MIN_TARGET = datetime.timedelta(hours=1)
MAX_TARGET = datetime.timedelta(days=365)
MAX_WARNINGS = 5
MAX_REASON = 2000


def _has(actor: object, perm: str) -> bool:
    return bool(getattr(actor, "has_perm", lambda p: False)(perm))


def _record_type(deadline: Deadline, what: str) -> str:
    """The audit record type of an event on this deadline: "deadline_breach", or with the
    kind's own prefix ("clock_breach") where its history was written under another name."""
    spec = deadline_kinds.find(deadline.kind)
    return f"{spec.audit_as if spec is not None else 'deadline'}_{what}"


def _audit(deadline: Deadline, what: str, actor: object | None = None) -> None:
    audit_record(
        action=Action.TRANSITION, actor=actor, object_type=_record_type(deadline, what),
        object_id=deadline.pk, purpose=Purpose.CASE_WORK,
    )  # fmt: skip


# --- targets ---


def target_in_force(kind: str, variant: str = "") -> DeadlineTarget | None:
    """The newest version of the target for this kind and variant, if the Center set one."""
    return DeadlineTarget.objects.filter(kind=kind, variant=variant).order_by("-version").first()


def _percents(values: Iterable[int]) -> list[int]:
    return sorted({int(p) for p in values if 0 < int(p) < 100})


@transaction.atomic(durable=True)
def deadline_target_set(
    *,
    actor: object,
    kind: str,
    variant: str = "",
    target: datetime.timedelta,
    warn_at_percent: list[int],
    expected_version: int,
) -> DeadlineTarget:
    """Sets the time allowed for a kind (and variant): the head of service only. A new
    version is added (the old ones stay, with who set them); deadlines already running keep
    the target they started with. `expected_version` is the version the form showed (0 when
    none was set): if someone changed it meanwhile, the change is refused as a conflict."""
    if not _has(actor, "deadlines.manage_targets"):
        raise PermissionDenied(object_type="deadline_target")
    spec = deadline_kinds.find(kind)
    if spec is None or (variant and variant not in {code for code, _l in spec.variants}):
        raise PermissionDenied(object_type="deadline_target")
    errors: dict[str, list[str]] = {}
    if not MIN_TARGET <= target <= MAX_TARGET or target % datetime.timedelta(hours=1):
        errors["amount"] = [_("Between 1 hour and 365 days, in whole hours.")]
    percents = sorted(set(warn_at_percent))
    if any(not 1 <= p <= 99 for p in percents) or len(percents) > MAX_WARNINGS:
        errors["warn_at_percent"] = [_("Up to five values between 1 and 99.")]
    if errors:
        raise ValidationError(fields=errors)
    current = (
        DeadlineTarget.objects.select_for_update()
        .filter(kind=kind, variant=variant)
        .aggregate(v=Max("version"))["v"]
        or 0
    )
    check_version(current, expected_version)
    try:
        with transaction.atomic():
            row = DeadlineTarget.objects.create(
                kind=kind, variant=variant, version=current + 1, target=target,
                warn_at_percent=percents, changed_by_id=getattr(actor, "pk", None),
            )  # fmt: skip
    except IntegrityError:  # two saves of the same version at once: the second is stale
        raise Conflict() from None
    audit_record(
        action=Action.UPDATE, actor=actor, object_type="deadline_target", object_id=row.pk,
        purpose=Purpose.ADMINISTRATION,
    )  # fmt: skip
    return row


# --- start, stop ---


def deadline_start(
    *,
    kind: str,
    subject_id: int,
    at: datetime.datetime,
    actor: object | None = None,
    variant: str = "",
    audit: bool = True,
    due_at: datetime.datetime | None = None,
) -> Deadline:
    """Starts a deadline of this kind on the subject, counting from `at`, with the target
    in force (or the kind's default), or until `due_at` when the subject has its own due
    time (a plan's task). Runs in the caller's transaction; one open deadline of a kind per
    subject (a database constraint)."""
    return deadlines_start(
        kinds=[kind],
        subject_id=subject_id,
        at=at,
        actor=actor,
        variant=variant,
        audit=audit,
        due_at=due_at,
    )[0]


def deadlines_start(
    *,
    kinds: Iterable[str],
    subject_id: int,
    at: datetime.datetime,
    actor: object | None = None,
    variant: str = "",
    audit: bool = True,
    due_at: datetime.datetime | None = None,
) -> list[Deadline]:
    """Starts one deadline per kind on the subject: one query for the targets, one insert,
    and one audit call (or none, when the caller records the starts with its own event, see
    `start_subjects`)."""
    specs = [deadline_kinds.get(kind) for kind in kinds]
    newest: dict[str, DeadlineTarget] = {}
    for version in DeadlineTarget.objects.filter(
        kind__in=[s.code for s in specs], variant=variant
    ).order_by("version"):
        newest[version.kind] = version
    rows = []
    for spec in specs:
        target = newest.get(spec.code)
        allowed = target.target if target else spec.default_for(variant)
        if due_at is not None:  # the subject's own due time; at least a minute
            allowed = max(due_at - at, datetime.timedelta(minutes=1))
        row = Deadline(
            kind=spec.code, variant=variant, subject_type=spec.subject_type,
            subject_id=subject_id, target=target, started_at=at, allowed=allowed,
            warn_at_percent=_percents(target.warn_at_percent if target else spec.warn_at_percent),
            due_at=at + allowed,
        )  # fmt: skip
        row.next_check_at = row.next_check()
        rows.append(row)
    # Both supported databases return the new ids from a bulk insert.
    with transaction.atomic():
        rows = Deadline.objects.bulk_create(rows)
        if audit and rows:
            audit_record(
                action=Action.TRANSITION, actor=actor, purpose=Purpose.CASE_WORK,
                subjects=start_subjects(rows),
            )  # fmt: skip
    return rows


def start_subjects(deadlines: list[Deadline]) -> list[Subject]:
    """The audit subjects of these starts, for a caller that records them with its own
    event (one lock of the chain)."""
    return [Subject(_record_type(d, "start"), str(d.pk), Action.TRANSITION) for d in deadlines]


def deadlines_stop(
    *,
    kind: str | Iterable[str],
    subject_id: int,
    at: datetime.datetime,
    actor: object | None = None,
    cancel: bool = False,
    audit: bool = True,
) -> list[Deadline]:
    """Stops the subject's open deadlines of these kinds (inside the caller's transaction):
    met if by the due time, met late after it, or (cancel) no longer needed. Each stop is
    audited, unless the caller records them itself (`audit=False`)."""
    kinds = [kind] if isinstance(kind, str) else list(kind)
    subject_types = {deadline_kinds.get(k).subject_type for k in kinds}
    with transaction.atomic():
        open_ = list(
            Deadline.objects.select_for_update().filter(
                kind__in=kinds,
                subject_type__in=subject_types,
                subject_id=subject_id,
                state__in=OPEN_STATES,
            )
        )
        for deadline in open_:
            _stop(deadline, at=at, cancel=cancel, actor=actor, audit=audit)
    return open_


def deadline_stop(
    *, deadline: Deadline, at: datetime.datetime, actor: object | None = None,
    cancel: bool = False, audit: bool = True,
) -> Deadline:  # fmt: skip
    """Stops one open deadline (met, met late, or cancelled); a stopped one is left as is."""
    with transaction.atomic():
        locked = Deadline.objects.select_for_update().get(pk=deadline.pk)
        if locked.state in OPEN_STATES:
            _stop(locked, at=at, cancel=cancel, actor=actor, audit=audit)
    return locked


def _stop(
    deadline: Deadline, *, at: datetime.datetime, cancel: bool, actor: object | None,
    audit: bool = True,
) -> None:  # fmt: skip
    if deadline.state == DeadlineState.PAUSED:
        # Stopped while paused: the pause ends when it stops, and its time counts as paused.
        assert deadline.paused_at is not None
        _end_pause(deadline, at=max(at, deadline.paused_at), actor=actor)
    if cancel:
        deadline.state = DeadlineState.CANCELLED
    else:
        deadline.state = DeadlineState.MET if at <= deadline.due_at else DeadlineState.MET_LATE
    deadline.stopped_at = at
    deadline.next_check_at = None
    deadline.save(update_fields=[
        "state", "stopped_at", "next_check_at", "paused_at", "paused_total", "pause_reason",
        "due_at", "updated_at",
    ])  # fmt: skip
    if audit:
        _audit(deadline, "stop", actor)


# --- pause, resume ---


def _seal(deadline_id: int, text: str) -> str:
    return crypto.seal(text, "deadline", deadline_id, "pause_reason")


def _seal_pause(pause_id: int, text: str) -> str:
    return crypto.seal(text, "deadline_pause", pause_id, "reason")


def pause_reason(deadline: Deadline) -> str:
    """The reason of the current pause, decrypted for the page that shows it."""
    return crypto.unseal(deadline.pause_reason, "deadline", deadline.pk, "pause_reason")


def pause_history_reason(pause: DeadlinePause) -> str:
    return crypto.unseal(pause.reason, "deadline_pause", pause.pk, "reason")


def deadline_pause(
    *, deadline: Deadline, actor: object, reason: str, at: datetime.datetime | None = None
) -> Deadline:
    """Stops the count of a running deadline (e.g. while waiting for someone outside the
    Center). The reason is required and stored encrypted; the pause is audited, and its
    length is added to the due time when the deadline resumes. Called by the owning app,
    which has already checked that the actor may act on the subject."""
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError(fields={"reason": [_("Give the reason for the pause.")]})
    if len(reason) > MAX_REASON:
        raise ValidationError(fields={"reason": [_("The reason is too long.")]})
    at = at or timezone.now()
    with transaction.atomic():
        locked = Deadline.objects.select_for_update().get(pk=deadline.pk)
        if locked.state != DeadlineState.RUNNING:
            raise Conflict(_("Only a running deadline can be paused."))
        pause = DeadlinePause.objects.create(
            deadline=locked, paused_at=at, paused_by_id=getattr(actor, "pk", None)
        )
        pause.reason = _seal_pause(pause.pk, reason)
        pause.save(update_fields=["reason", "updated_at"])
        locked.state, locked.paused_at = DeadlineState.PAUSED, at
        locked.pause_reason = _seal(locked.pk, reason)
        locked.next_check_at = None
        locked.save(update_fields=[
            "state", "paused_at", "pause_reason", "next_check_at", "updated_at",
        ])  # fmt: skip
        _audit(locked, "pause", actor)
    return locked


def _end_pause(deadline: Deadline, *, at: datetime.datetime, actor: object | None) -> None:
    assert deadline.paused_at is not None
    length = at - deadline.paused_at
    deadline.paused_total += length
    deadline.due_at += length
    deadline.paused_at = None
    deadline.pause_reason = ""
    DeadlinePause.objects.filter(deadline=deadline, resumed_at__isnull=True).update(
        resumed_at=at, resumed_by_id=getattr(actor, "pk", None), updated_at=timezone.now()
    )


def deadline_resume(
    *, deadline: Deadline, actor: object, at: datetime.datetime | None = None
) -> Deadline:
    """Starts the count again: the time paused moves the due time and the warnings, and is
    kept in the pause history. Audited."""
    at = at or timezone.now()
    with transaction.atomic():
        locked = Deadline.objects.select_for_update().get(pk=deadline.pk)
        if locked.state != DeadlineState.PAUSED or locked.paused_at is None:
            raise Conflict(_("Only a paused deadline can be resumed."))
        if at < locked.paused_at:
            raise ValidationError(fields={"at": [_("The deadline was paused after that.")]})
        _end_pause(locked, at=at, actor=actor)
        locked.state = DeadlineState.RUNNING
        locked.next_check_at = locked.next_check()
        locked.save(update_fields=[
            "state", "paused_at", "paused_total", "pause_reason", "due_at", "next_check_at",
            "updated_at",
        ])  # fmt: skip
        _audit(locked, "resume", actor)
    return locked


# --- the worker's pass ---

_GUARDED = ("warnings_sent", "breached_at", "escalated_at")


def _claim(deadline: Deadline, **changes: object) -> bool:
    """One conditional UPDATE: true for exactly one of the workers racing for this step. It
    also moves the deadline's next check, so a claimed step costs a single statement."""
    guard: dict[str, object] = {}
    for name in _GUARDED:
        value = getattr(deadline, name)
        guard[f"{name}__isnull" if value is None else name] = True if value is None else value
    after = Deadline(
        state=DeadlineState.RUNNING, started_at=deadline.started_at,
        paused_total=deadline.paused_total, allowed=deadline.allowed,
        warn_at_percent=deadline.warn_at_percent, due_at=deadline.due_at,
        **{name: getattr(deadline, name) for name in _GUARDED} | changes,
    )  # fmt: skip
    claimed = Deadline.objects.filter(pk=deadline.pk, state=DeadlineState.RUNNING, **guard).update(
        **changes, next_check_at=after.next_check(), updated_at=timezone.now()
    )
    return bool(claimed)


def _tell(spec: DeadlineKind, deadline: Deadline, step: str, at: datetime.datetime,
          tag: str = "") -> None:  # fmt: skip
    """The kind's notifications for this step, in the claiming transaction: a message of the
    kind's notification kind (through the notifications platform) and its own callback."""
    code = spec.notify_as.get(step)
    if spec.on_step is None and code is None:
        return
    recipients = tuple(spec.recipients(deadline.subject_id, step, at))
    if code is not None:
        from zastita.notifications.public import notify

        notify(
            kind=code, subject_type=deadline.subject_type, subject_id=deadline.subject_id,
            recipients=recipients, tag=f"deadline:{deadline.pk}:{step}:{tag}", at=at,
        )  # fmt: skip
    if spec.on_step is not None:
        spec.on_step(StepNotice(
            deadline_id=deadline.pk, kind=deadline.kind, variant=deadline.variant,
            subject_type=deadline.subject_type, subject_id=deadline.subject_id, step=step,
            tag=tag, at=at, due_at=deadline.due_at, recipients=recipients,
            link=spec.link(deadline.subject_id),
        ))  # fmt: skip


def _advance(deadline: Deadline, now: datetime.datetime) -> list[str]:
    """Everything due on this deadline at `now`, each step claimed on its own."""
    done: list[str] = []
    spec = deadline_kinds.find(deadline.kind)
    if spec is None:  # the kind's app is gone: leave the row for when it comes back
        return done
    times = deadline.warn_times()
    # Warnings not yet sent, oldest first; once the deadline is past due only the breach is
    # news (the skipped warnings are claimed, not sent).
    while deadline.warnings_sent < len(times) and times[deadline.warnings_sent] <= now:
        step = deadline.warnings_sent
        late = now >= deadline.due_at
        if not _claim(deadline, warnings_sent=step + 1):
            return done  # another worker has this deadline
        deadline.warnings_sent = step + 1
        if not late:
            _audit(deadline, WARNING)
            _tell(spec, deadline, WARNING, now, tag=str(step))
            done.append(WARNING)
    if deadline.breached_at is None and now >= deadline.due_at:
        if not _claim(deadline, breached_at=now):
            return done
        deadline.breached_at = now
        _audit(deadline, BREACH)
        _tell(spec, deadline, BREACH, now)
        done.append(BREACH)
    if deadline.breached_at is not None and deadline.escalated_at is None:
        if not _claim(deadline, escalated_at=now):
            return done
        deadline.escalated_at = now
        _audit(deadline, ESCALATION)
        _tell(spec, deadline, ESCALATION, now)
        done.append(ESCALATION)
    return done


def deadline_scan(now: datetime.datetime | None = None, *, limit: int = 500) -> dict[str, int]:
    """One pass: the kinds' own scanners first (they start and stop deadlines from their
    app's state), then the deadlines that are due, an index range on (state, next_check_at);
    each kind's `prefetch` is given their subjects, then each deadline is advanced in its own
    transaction."""
    now = now or timezone.now()
    counts = {WARNING: 0, BREACH: 0, ESCALATION: 0}
    for spec in deadline_kinds:
        if spec.scanner is not None:
            for name, n in spec.scanner(now).items():
                counts[name] = counts.get(name, 0) + n
    due = list(
        Deadline.objects.filter(state=DeadlineState.RUNNING, next_check_at__lte=now).order_by(
            "next_check_at"
        )[:limit]
    )
    by_kind: dict[str, list[int]] = {}
    for deadline in due:
        by_kind.setdefault(deadline.kind, []).append(deadline.subject_id)
    for code, subject_ids in by_kind.items():
        found = deadline_kinds.find(code)
        if found is not None and found.prefetch is not None:
            found.prefetch(subject_ids, now)
    for deadline in due:
        with transaction.atomic():
            for step in _advance(deadline, now):
                counts[step] += 1
    return counts


def deadline_scan_job() -> dict[str, int]:
    """The periodic job: counts prefixed with the app's name for the worker's log."""
    return {f"deadlines.{k}": v for k, v in deadline_scan().items()}
