"""A plan's task is a deadline on the platform (kind "cases.task", subject "plan_task"):
it runs from the plan's approval to the end of its due day; the warnings and the breach go
to the case manager and the worker responsible, the escalation to the head of service.
The messages carry the case's number and the due date only."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from zastita.cases.clocks import register_clock
from zastita.cases.models import Task
from zastita.core.registries.deadlines import BREACH, ESCALATION, WARNING
from zastita.deadlines.public import (
    Deadline,
    DeadlineState,
    deadline_start,
    deadline_stop,
)

KIND = "cases.task"
SUBJECT = "plan_task"


def due_at(day: datetime.date) -> datetime.datetime:
    """The end of a due day, in the Center's time zone."""
    day_after = day + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day_after, datetime.time.min))


def start(task: Task, *, at: datetime.datetime, actor: object) -> Deadline:
    return deadline_start(kind=KIND, subject_id=task.pk, at=at, actor=actor,
                          due_at=due_at(task.due_on))  # fmt: skip


def stop_running(kind: str, subject_id: int, *, at: datetime.datetime, actor: object,
                 cancel: bool) -> None:  # fmt: skip
    """Stops the subject's open deadline of this kind, if it has one."""
    running = Deadline.objects.filter(
        kind=kind, subject_id=subject_id,
        state__in=(DeadlineState.RUNNING, DeadlineState.PAUSED),
    ).first()  # fmt: skip
    if running is not None:
        deadline_stop(deadline=running, at=at, actor=actor, cancel=cancel)


def stop(task: Task, *, at: datetime.datetime, actor: object, cancel: bool) -> None:
    stop_running(KIND, task.pk, at=at, actor=actor, cancel=cancel)


# The tasks of the deadlines due in the scan's present pass, loaded at once (`_prefetch`);
# replaced at the next pass. A task of an approved plan does not change (a change is a new
# revision), and the recipients are read in the pass that loaded them.
_pass: dict[str, Any] = {}


def _tasks() -> Any:
    return Task.objects.select_related("goal__plan__case__assigned_to", "worker")


def _prefetch(task_ids: list[int], at: datetime.datetime) -> None:
    _pass.clear()
    _pass["at"] = at
    _pass["tasks"] = _tasks().in_bulk(task_ids)


def _task(task_id: int) -> Task:
    found = _pass.get("tasks", {}).get(task_id)
    return found if found is not None else _tasks().get(pk=task_id)


def _workers(task_id: int) -> list[Any]:
    task = _task(task_id)
    return [u for u in (task.goal.plan.case.assigned_to, task.worker) if u is not None]


def link(task_id: int) -> str:
    return reverse("cases:plan", args=[_task(task_id).goal.plan_id])


def _values(task_id: int) -> dict[str, str]:
    task = _task(task_id)
    return {"number": task.goal.plan.case.number, "date": task.due_on.strftime("%d.%m.%Y")}


def register() -> None:
    register_clock(
        code=KIND, label=gettext_lazy("task of a protection plan"), subject_type=SUBJECT,
        default=datetime.timedelta(days=30), warn_at=(80,), workers=_workers, link=link,
        values=_values, prefetch=_prefetch,
        messages={
            WARNING: gettext_lazy("A task of case %(number)s is due on %(date)s."),
            BREACH: gettext_lazy("A task of case %(number)s is overdue since %(date)s."),
            ESCALATION: gettext_lazy("A task of case %(number)s is overdue since %(date)s: "
                                     "escalated to the head of service."),
        },
        labels={
            WARNING: gettext_lazy("A task of a plan is due soon"),
            BREACH: gettext_lazy("A task of a plan is overdue"),
            ESCALATION: gettext_lazy("A task of a plan is overdue (escalated)"),
        },
    )  # fmt: skip
