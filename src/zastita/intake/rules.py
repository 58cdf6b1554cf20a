"""Permission predicates for reports, clocks and the duty roster, and the reports' scope
(need-to-know, ARCHITECTURE.md §4)."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from zastita.accounts.capabilities import Capability
from zastita.accounts.rules import has_capability
from zastita.assignments.public import assigned_q, in_scope_rule, record_scope

can_receive = has_capability(Capability.REPORTS_RECEIVE)
can_coordinate = has_capability(Capability.CASES_COORDINATE)
can_read_all = has_capability(Capability.CASES_READ_ALL)


def report_scope(actor: Any, *, grants: bool = True) -> Q:
    """The reports `actor` may see. The head of service and the director: every one. A
    worker who receives reports: those assigned to them, shared with them or their teams,
    the ones they registered, and, while on duty, the reports received during their shift,
    the open ones nobody is assigned (their clocks warn the duty worker) and the ones whose
    clocks are past due (the breach goes to the duty workers). Everyone: what they opened
    this session with a stated reason. Anyone else: none."""
    return record_scope(actor, "report", needs=Capability.REPORTS_RECEIVE, own=_own, grants=grants)


def _own(actor: Any) -> Q:
    from zastita.deadlines.public import overdue_subject_ids
    from zastita.intake.clocks import KINDS, SUBJECT
    from zastita.intake.models import Report, Shift
    from zastita.intake.selectors import open_statuses

    now = timezone.now()
    shifts = Shift.objects.filter(user=actor, starts_at__lte=now, ends_at__gt=now)
    on_duty = Exists(shifts)
    during_shift = Exists(
        shifts.filter(starts_at__lte=OuterRef("received_at"), ends_at__gt=OuterRef("received_at"))
    )
    overdue = overdue_subject_ids(subject_type=SUBJECT, now=now, kinds=KINDS.values())
    duty = during_shift | (
        on_duty & (Q(status__in=open_statuses(), assigned_to__isnull=True) | Q(pk__in=overdue))
    )
    return assigned_q(Report, actor) | Q(created_by=actor) | duty


def _report_of(user: Any, obj: Any) -> Any:
    """A report's attachment or person: the report's scope."""
    return getattr(obj, "report", None)


in_scope = in_scope_rule("intake.Report", report_scope, resolve=_report_of)

rules.add_perm("intake.receive", can_receive)
# Reading reports: who works on them, and the director (read-only, all cases); a report,
# only within the reader's scope.
rules.add_perm("intake.view", (can_receive | can_read_all) & in_scope)
rules.add_perm("intake.decide", can_receive & in_scope)
rules.add_perm("intake.see_duty", can_receive | can_coordinate | can_read_all)
# The roster and the response targets belong to the head of service.
rules.add_perm("intake.manage_roster", can_coordinate)
rules.add_perm("intake.manage_targets", can_coordinate)
