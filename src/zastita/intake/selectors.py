"""Reads for reports, clocks and notifications, scoped to the actor."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from zastita.accounts.models import User
from zastita.core.errors import PermissionDenied
from zastita.core.selectors import get_for_actor
from zastita.intake.models import (
    ClockState,
    Notification,
    NotificationChannel,
    Report,
    ResponseClock,
    Status,
)


@dataclass(frozen=True)
class ReportFilters:
    status: str = ""
    urgency: str = ""
    channel: str = ""
    year: int | None = None
    overdue: bool = False
    mine: bool = False


def report_list(*, actor: User, filters: ReportFilters, limit: int = 200) -> QuerySet[Report]:
    """The filtered list: numbers, statuses, clocks; no narrative is decrypted for it."""
    if not actor.has_perm("intake.view"):
        raise PermissionDenied(object_type="report_list")
    qs = Report.objects.select_related("reporter_organisation", "assigned_to").prefetch_related(
        Prefetch(
            "clocks",
            queryset=ResponseClock.objects.filter(state=ClockState.RUNNING),
            to_attr="running_clocks",
        ),
        "persons",
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
        qs = qs.filter(
            clocks__state=ClockState.RUNNING, clocks__due_at__lte=timezone.now()
        ).distinct()
    if filters.mine:
        qs = qs.filter(assigned_to=actor)
    return qs[:limit]


def report_get_for_actor(*, actor: User, report_id: int) -> Report:
    return get_for_actor(
        Report.objects.select_related("reporter_organisation", "assigned_to", "created_by"),
        report_id, actor=actor, perm="intake.view", object_type="report",
    )  # fmt: skip


def running_clocks(*, actor: User, limit: int = 500) -> list[ResponseClock]:
    """The overdue board: every running clock, the most urgent first."""
    if not actor.has_perm("intake.see_duty"):
        raise PermissionDenied(object_type="clock_board")
    return list(
        ResponseClock.objects.filter(state=ClockState.RUNNING)
        .select_related("report", "report__assigned_to")
        .order_by("due_at")[:limit]
    )


def notifications_for(*, actor: User, limit: int = 100) -> list[Notification]:
    """The actor's own in-app notifications, newest first, each with its message."""
    from zastita.intake.notifications import path, text

    rows = list(
        Notification.objects.filter(recipient=actor, channel=NotificationChannel.IN_APP)
        .select_related("report")
        .order_by("-created_at")[:limit]
    )
    for n in rows:
        n.message = text(n)  # type: ignore[attr-defined]
        n.url = path(n)  # type: ignore[attr-defined]
    return rows


def notification_state(*, actor: User) -> dict[str, int]:
    """How many of the actor's in-app notifications are unread, and the newest one's id: a
    count and an id, nothing about any report."""
    from django.db.models import Count, Max, Q

    # One query: the duty board asks every few seconds for every worker on duty.
    state = Notification.objects.filter(
        recipient=actor, channel=NotificationChannel.IN_APP
    ).aggregate(latest=Max("pk"), unread=Count("pk", filter=Q(read_at__isnull=True)))
    return {"unread": state["unread"], "latest": state["latest"] or 0}


def clock_seconds_left(clock: ResponseClock, now: datetime.datetime | None = None) -> int:
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
