"""Response clocks: deadlines of the deadlines platform on reports, one kind per clock
(first contact, decision, field visit), with the report's urgency as the variant.

Intake registers the kinds (their default targets, who is told at each step, the
notification kinds written, the report's page) and starts and stops them from the report
workflow; the platform keeps the targets (edited on its targets page), claims each warning,
breach and escalation once and writes its audit event and notifications in the same
transaction. The audit keeps the record types the clocks always had ("clock_start",
"clock_breach"...), so the history reads on unchanged.

The field-visit clock is one per report and is met only by field interviews: see
`field_visit_refresh` for the rule (every person concerned seen, or set aside).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from typing import Any

from django.urls import reverse

from zastita.accounts.capabilities import Capability
from zastita.audit.models import Action, Purpose
from zastita.audit.services import Subject, audit_record
from zastita.deadlines.public import (
    BREACH,
    ESCALATION,
    WARNING,
    Deadline,
    DeadlineKind,
    deadline_kinds,
    deadline_scan,
    deadlines_for_subject,
    deadlines_start,
    deadlines_stop,
    running_by_subject,
)
from zastita.intake import slots
from zastita.intake.models import ClockKind, NotificationKind, Report, Urgency
from zastita.intake.roster import OnDuty, on_duty, users_with

log = logging.getLogger(__name__)

SUBJECT = "report"
# The deadline kind of each clock.
KINDS: dict[str, str] = {kind.value: f"intake.{kind.value}" for kind in ClockKind}
CLOCK_OF: dict[str, str] = {code: kind for kind, code in KINDS.items()}

H = datetime.timedelta(hours=1)
# Used when the Center has not set a target (the targets are data, on the deadlines page).
DEFAULT_TARGETS: dict[tuple[str, str], datetime.timedelta] = {
    (ClockKind.FIRST_CONTACT, Urgency.IMMEDIATE): 1 * H,
    (ClockKind.FIRST_CONTACT, Urgency.CHILD): 1 * H,
    (ClockKind.FIRST_CONTACT, Urgency.ORDINARY): 4 * H,
    (ClockKind.DECISION, Urgency.IMMEDIATE): 4 * H,
    (ClockKind.DECISION, Urgency.CHILD): 8 * H,
    (ClockKind.DECISION, Urgency.ORDINARY): 48 * H,
    (ClockKind.FIELD_VISIT, Urgency.IMMEDIATE): 24 * H,
    (ClockKind.FIELD_VISIT, Urgency.CHILD): 24 * H,
    (ClockKind.FIELD_VISIT, Urgency.ORDINARY): 24 * H,
}
DEFAULT_WARNINGS = (50, 80)


def codes(kinds: Iterable[str]) -> list[str]:
    """The deadline kinds of these clocks."""
    return [KINDS[str(kind)] for kind in kinds]


# --- who is told: asked per step, with the pass's time; the roster is read once a pass ---

_pass: dict[str, Any] = {}


def _new_pass(now: datetime.datetime) -> dict[str, int]:
    """Called by the platform before each pass: forget the last pass's roster."""
    _pass.clear()
    return {}


def _memo(at: datetime.datetime) -> dict[str, Any]:
    if _pass.get("at") != at:
        _pass.clear()
        _pass["at"] = at
    return _pass


def _duty(at: datetime.datetime) -> OnDuty:
    memo = _memo(at)
    duty = memo.get("duty")
    if duty is None:  # (kept in a local: two threads may share the memo in tests)
        duty = memo["duty"] = on_duty(at)
    return duty


def _coordinators(at: datetime.datetime) -> list[Any]:
    memo = _memo(at)
    heads = memo.get("heads")
    if heads is None:
        heads = memo["heads"] = users_with(Capability.CASES_COORDINATE)
    return heads


def _prefetch(report_ids: list[int], at: datetime.datetime) -> None:
    """The reports of the clocks due in this pass, with their workers, in one query."""
    memo = _memo(at)
    reports = memo.setdefault("reports", {})
    reports.update(Report.objects.select_related("assigned_to").in_bulk(report_ids))


def recipients(report_id: int, step: str, at: datetime.datetime) -> list[Any]:
    """A warning goes to the report's worker (or the duty worker); a breach to them and the
    backup; an escalation to the head of service."""
    if step == ESCALATION:
        return list(_coordinators(at))
    report = _memo(at).get("reports", {}).get(report_id)
    if report is None:
        report = Report.objects.select_related("assigned_to").get(pk=report_id)
    duty = _duty(at)
    people: list[Any] = [report.assigned_to] if report.assigned_to else []
    people += duty.primary if not people else []
    if step == BREACH or not people:
        people += duty.backup
    if not people:
        people += _coordinators(at)
    return list(dict.fromkeys(people))


def report_link(report_id: int) -> str:
    return reverse("intake:report_detail", args=[report_id])


def _spec(kind: ClockKind) -> DeadlineKind:
    return DeadlineKind(
        code=KINDS[kind.value], label=kind.label, subject_type=SUBJECT,
        default_target=DEFAULT_TARGETS[(kind, Urgency.ORDINARY)],
        variants=tuple((u.value, u.label) for u in Urgency),
        variant_targets={u.value: DEFAULT_TARGETS[(kind, u)] for u in Urgency},
        warn_at_percent=DEFAULT_WARNINGS, recipients=recipients, link=report_link,
        notify_as={WARNING: NotificationKind.WARNING.value, BREACH: NotificationKind.BREACH.value,
                   ESCALATION: NotificationKind.ESCALATION.value},
        scanner=_new_pass, prefetch=_prefetch, audit_as="clock",
    )  # fmt: skip


# Made once: registering the same kinds again (a second `ready()` in tests) is harmless.
SPECS = [_spec(kind) for kind in ClockKind]


def register_clock_kinds() -> None:
    for spec in SPECS:
        deadline_kinds.register(spec.code, spec)


# --- started and stopped by the report workflow ---


def clocks_start(
    report: Report,
    kinds: Iterable[str],
    *,
    at: datetime.datetime,
    actor: object | None = None,
    audit: bool = True,
) -> list[Deadline]:
    """Starts one clock per kind, counting from `at`, with the target in force for the
    report's urgency: one query for the targets, one insert, and one audit call (or none,
    when the caller records the starts with its own event)."""
    clocks = deadlines_start(
        kinds=codes(kinds), subject_id=report.pk, at=at, actor=actor, variant=report.urgency,
        audit=False,
    )  # fmt: skip
    if audit and clocks:
        audit_record(
            action=Action.TRANSITION, actor=actor, purpose=Purpose.CASE_WORK,
            subjects=start_subjects(clocks),
        )  # fmt: skip
    return clocks


def start_subjects(clocks: list[Deadline]) -> list[Subject]:
    return [Subject("clock_start", str(c.pk), Action.TRANSITION) for c in clocks]


def _audit_stops(clocks: list[Deadline], actor: object | None) -> None:
    if clocks:
        audit_record(
            action=Action.TRANSITION, actor=actor, purpose=Purpose.CASE_WORK,
            subjects=[Subject("clock_stop", str(c.pk), Action.TRANSITION) for c in clocks],
        )  # fmt: skip


def clocks_stop(
    report: Report, kinds: Iterable[str], *, at: datetime.datetime, actor: object | None = None,
    cancel: bool = False,
) -> None:  # fmt: skip
    """Stops the report's running clocks of these kinds: met, met late, or (cancel) no
    longer needed because the report ended."""
    stopped = deadlines_stop(
        kind=codes(kinds), subject_id=report.pk, at=at, actor=actor, cancel=cancel, audit=False
    )
    _audit_stops(stopped, actor)


def clocks_of(report: Report) -> list[Deadline]:
    """All of the report's clocks, running and stopped, oldest first (its page)."""
    rows = deadlines_for_subject(subject_type=SUBJECT, subject_id=report.pk)
    return [d for d in rows if d.kind in CLOCK_OF]


def report_clocks(report_ids: Iterable[int]) -> dict[int, list[Deadline]]:
    """The running clocks of these reports, soonest due first, in one query."""
    return running_by_subject(subject_type=SUBJECT, subject_ids=report_ids, kinds=KINDS.values())


def field_visit_refresh(report: Report, *, actor: object | None = None) -> Deadline | None:
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

    running = running_by_subject(
        subject_type=SUBJECT, subject_ids=[report.pk], kinds=[KINDS[ClockKind.FIELD_VISIT]]
    ).get(report.pk)
    if not running:
        return None
    clock = running[0]
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
    # Locked and stopped only if still running (two interviews saved at once stop it once).
    stopped = deadlines_stop(
        kind=[clock.kind], subject_id=report.pk, at=max(done), cancel=not seen, actor=actor,
        audit=False,
    )  # fmt: skip
    _audit_stops(stopped, actor)
    return stopped[0] if stopped else clock


def clock_scan(now: datetime.datetime | None = None, *, limit: int = 500) -> dict[str, int]:
    """One pass of the deadlines (every kind's, the clocks' among them), as the worker's
    `deadlines.scan` job makes it: counts of warnings, breaches and escalations, for the
    tests and the benchmark that look at the clocks."""
    counts = deadline_scan(now, limit=limit)
    return {step: counts.get(step, 0) for step in (WARNING, BREACH, ESCALATION)}
