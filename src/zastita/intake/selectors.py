"""Reads for reports and clocks, scoped to the actor."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from zastita.accounts.models import User
from zastita.core.errors import NotFound, PermissionDenied
from zastita.core.paging import Page, Pager, first_page
from zastita.core.selectors import get_for_actor
from zastita.deadlines.public import Deadline, DeadlineState, overdue_subject_ids
from zastita.intake import slots
from zastita.intake.clocks import KINDS, SUBJECT, report_clocks
from zastita.intake.models import (
    Report,
    ReportTransition,
    Status,
)
from zastita.intake.rules import report_scope


@dataclass(frozen=True)
class ReportFilters:
    status: str = ""
    urgency: str = ""
    channel: str = ""
    year: int | None = None
    overdue: bool = False
    mine: bool = False


REPORT_PAGE_SIZE = 50
REPORT_ORDER = ("-received_at", "-pk")


def report_list(*, actor: User, filters: ReportFilters, pager: Pager | None = None) -> Page[Report]:
    """The filtered list, one page newest first (a cursor pages back through the years):
    numbers, statuses, clocks; no narrative is decrypted for it."""
    if not actor.has_perm("intake.view"):
        raise PermissionDenied(object_type="report_list")
    qs = (
        Report.objects.filter(report_scope(actor))
        .select_related("reporter_organisation", "assigned_to")
        .prefetch_related("persons")
    )
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.urgency:
        qs = qs.filter(urgency=filters.urgency)
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.overdue:
        qs = qs.filter(pk__in=overdue_subject_ids(
            subject_type=SUBJECT, now=timezone.now(), kinds=KINDS.values()
        ))  # fmt: skip
    if filters.mine:
        qs = qs.filter(assigned_to=actor)
    page = (pager or first_page(REPORT_PAGE_SIZE))(qs, REPORT_ORDER)
    # The running clocks of the page's reports, in one query.
    clocks = report_clocks(r.pk for r in page.rows)
    for r in page.rows:
        r.running_clocks = clocks.get(r.pk, [])  # type: ignore[attr-defined]
    return page


def report_get_for_actor(*, actor: User, report_id: int) -> Report:
    return get_for_actor(
        Report.objects.select_related("reporter_organisation", "assigned_to", "created_by"),
        report_id, actor=actor, perm="intake.view", object_type="report",
    )  # fmt: skip


def report_by_number(*, actor: User, number: str) -> Report:
    """The report with this registry number, if it is in the actor's scope. Else "not found"
    (a missing one and one outside the scope alike), carrying the typed number so the page
    can offer to open it with a stated reason."""
    if not actor.has_perm("intake.view"):
        raise PermissionDenied(object_type="report_list")
    number = number.strip()
    sequence, year = (int(part) for part in number.split("/"))
    pk = Report.objects.filter(year=year, sequence=sequence).values_list("pk", flat=True).first()
    if pk is None or not Report.objects.filter(report_scope(actor), pk=pk).exists():
        raise NotFound(denied=True, object_type="report", object_id=str(pk or ""),
                       reference=number)  # fmt: skip
    return Report.objects.get(pk=pk)


# The duty board shows what needs action now, a bounded number of each; the rest on request.
BOARD_LIMIT = 20
BOARD_PAGE_SIZE = 50
CLOCK_ORDER = ("due_at", "pk")


@dataclass
class DutyBoard:
    """The clocks past their time, the soonest due, the open reports nobody is assigned,
    each at most `BOARD_LIMIT` (`*_more` says there are more); every running clock a page
    at a time only when asked (`all_running`)."""

    breached: list[Deadline]
    breached_more: bool
    soonest: list[Deadline]
    soonest_more: bool
    unassigned: list[Report]
    unassigned_more: bool
    all_running: Page[Deadline] | None = None


def _running(actor: User) -> QuerySet[Deadline]:
    # Only running clocks: the state's index keeps this to today's work, not the years'.
    # Only those of the reports in the actor's scope (a worker off duty: their own).
    clocks = Deadline.objects.filter(
        subject_type=SUBJECT, kind__in=list(KINDS.values()), state=DeadlineState.RUNNING
    )
    scope = report_scope(actor)
    if scope != Q():
        # The scope is asked of each clock's report, by its primary key, as the clocks are
        # read most urgent first: a board of 20 reads a few dozen reports, not the years'.
        clocks = clocks.filter(Exists(Report.objects.filter(scope, pk=OuterRef("subject_id"))))
    return clocks


def _with_reports(clocks: list[Deadline]) -> list[Deadline]:
    reports = Report.objects.select_related("assigned_to").in_bulk({c.subject_id for c in clocks})
    for clock in clocks:
        clock.report = reports[clock.subject_id]  # type: ignore[attr-defined]
    return clocks


def duty_board(*, actor: User, pager: Pager | None = None, limit: int = BOARD_LIMIT) -> DutyBoard:
    """The duty board's rows. With `pager`, every running clock, most urgent first, a page
    at a time, as well."""
    if not actor.has_perm("intake.see_duty"):
        raise PermissionDenied(object_type="clock_board")
    now = timezone.now()
    breached = list(_running(actor).filter(due_at__lte=now).order_by(*CLOCK_ORDER)[: limit + 1])
    soonest = list(_running(actor).filter(due_at__gt=now).order_by(*CLOCK_ORDER)[: limit + 1])
    unassigned = list(
        Report.objects.filter(
            report_scope(actor), status__in=open_statuses(), assigned_to__isnull=True
        ).order_by(*REPORT_ORDER)[: limit + 1]
    )
    all_running = pager(_running(actor), CLOCK_ORDER) if pager is not None else None
    shown = breached[:limit] + soonest[:limit] + (all_running.rows if all_running else [])
    _with_reports(shown)
    return DutyBoard(
        breached=breached[:limit], breached_more=len(breached) > limit,
        soonest=soonest[:limit], soonest_more=len(soonest) > limit,
        unassigned=unassigned[:limit], unassigned_more=len(unassigned) > limit,
        all_running=all_running,
    )  # fmt: skip


def clock_seconds_left(clock: Deadline, now: datetime.datetime | None = None) -> int:
    return int((clock.due_at - (now or timezone.now())).total_seconds())


def open_statuses() -> list[str]:
    return [Status.RECEIVED, Status.REGISTERED, Status.ACCEPTED, Status.IDENTIFICATION]


def report_status_for_partner(*, api_key: Any, number: str) -> Report | None:
    """A partner sees the status of its own reports only; another's is "not found"."""
    try:
        sequence, year = (int(part) for part in number.split("/"))
    except ValueError:
        return None
    return (
        Report.objects.filter(
            year=year, sequence=sequence, reporter_organisation=api_key.organisation
        )
        .only("year", "sequence", "status", "received_at", "decided_at")
        .first()
    )


# --- the report's timeline ---


@dataclass
class TimelineEntry:
    """One event of a report's life: when, what (in words), and who by, with their role in
    words. No name of a person concerned: a person is their registry code or their place
    in the report's list."""

    at: datetime.datetime
    what: str
    actor_id: int | None
    # The workflow step, whose reason (encrypted) the view shows.
    transition: ReportTransition | None = None
    actor: User | None = None
    role: str = ""


def _first_contact_by(report: Report) -> int | None:
    """Whoever stopped the first-contact clock made the first contact (the audit says)."""
    from zastita.audit.models import AuditEvent
    from zastita.deadlines.public import deadlines_for_subject
    from zastita.intake.models import ClockKind

    clocks = [
        d.pk for d in deadlines_for_subject(subject_type=SUBJECT, subject_id=report.pk)
        if d.kind == KINDS[ClockKind.FIRST_CONTACT]
    ]  # fmt: skip
    return (
        AuditEvent.objects.filter(object_type="clock_stop", object_id__in=[str(c) for c in clocks])
        .order_by("seq")
        .values_list("actor_id", flat=True)
        .first()
    )


def report_timeline(*, report: Report) -> list[TimelineEntry]:
    """The report's events in time order: its workflow steps (received at the time the
    Center received it), first contact, each person's identification opened, interviews
    held, decisions approved and persons set aside; each with its actor and the actor's
    roles in words, in the current language. The caller has checked access."""
    from django.utils.translation import gettext as _

    persons = list(report.persons.select_related("person"))
    numbers = {p.pk: n for n, p in enumerate(persons, start=1)}
    codes = {p.pk: p.person.code for p in persons if p.person is not None}

    def person(report_person_id: int) -> str:
        code = codes.get(report_person_id)
        return code or _("no. %(number)d") % {"number": numbers.get(report_person_id, 0)}

    entries = [
        TimelineEntry(report.received_at if not t.from_status else t.at,
                      str(t.get_to_status_display()), t.actor_id, transition=t)
        for t in report.transitions.all()
    ]  # fmt: skip
    if report.first_contact_at is not None:
        entries.append(
            TimelineEntry(report.first_contact_at, _("first contact"), _first_contact_by(report))
        )
    for rows in slots.report_timeline_rows.collect(report, person):
        entries.extend(TimelineEntry(at, what, by) for at, what, by in rows)
    for p in persons:
        if p.set_aside_at is not None:
            what = _("person %(person)s set aside: %(why)s") % {
                "person": person(p.pk), "why": p.get_set_aside_display(),
            }  # fmt: skip
            entries.append(TimelineEntry(p.set_aside_at, what, p.set_aside_by_id))
    # One query for the actors and one for their roles, whatever the number of events.
    ids = {e.actor_id for e in entries if e.actor_id is not None}
    users = {u.pk: u for u in User.objects.filter(pk__in=ids).prefetch_related("roles")}
    for e in entries:
        e.actor = users.get(e.actor_id) if e.actor_id is not None else None
        if e.actor is not None:
            e.role = ", ".join(r.display_name for r in e.actor.roles.all()) or _("no role")
        elif report.submitted_with_id is not None and e.transition is not None:
            e.role = _("partner, through the API")
        else:
            e.role = _("the system")
    # A stable sort: events of the same moment keep the order they were recorded in.
    entries.sort(key=lambda e: e.at)
    return entries
