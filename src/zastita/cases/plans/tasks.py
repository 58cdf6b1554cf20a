"""A plan's task is a deadline on the platform (kind "cases.task", subject "plan_task"):
it runs from the plan's approval to the end of its due day; the warnings and the breach go
to the case manager and the worker responsible, the escalation to the head of service.
The messages carry the case's number only."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from zastita.accounts.capabilities import Capability
from zastita.cases.models import Task
from zastita.core.registries.deadlines import BREACH, ESCALATION, WARNING
from zastita.core.registries.notifications import (
    EMAIL,
    IN_APP,
    NotificationKindSpec,
    notification_kinds,
)
from zastita.deadlines.public import (
    Deadline,
    DeadlineKind,
    DeadlineState,
    deadline_kinds,
    deadline_start,
    deadline_stop,
)

KIND = "cases.task"
SUBJECT = "plan_task"
NOTIFY = {WARNING: "cases.task_warning", BREACH: "cases.task_overdue",
          ESCALATION: "cases.task_escalated"}  # fmt: skip


def due_at(task: Task) -> datetime.datetime:
    """The end of the task's due day, in the Center's time zone."""
    day_after = task.due_on + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day_after, datetime.time.min))


def start(task: Task, *, at: datetime.datetime, actor: object) -> Deadline:
    return deadline_start(kind=KIND, subject_id=task.pk, at=at, actor=actor, due_at=due_at(task))


def stop(task: Task, *, at: datetime.datetime, actor: object, cancel: bool) -> None:
    running = Deadline.objects.filter(
        kind=KIND, subject_type=SUBJECT, subject_id=task.pk,
        state__in=(DeadlineState.RUNNING, DeadlineState.PAUSED),
    ).first()  # fmt: skip
    if running is not None:
        deadline_stop(deadline=running, at=at, actor=actor, cancel=cancel)


def _task(task_id: int) -> Task:
    return Task.objects.select_related("goal__plan__case__assigned_to", "worker").get(pk=task_id)


def recipients(task_id: int, step: str, at: datetime.datetime) -> list[Any]:
    from zastita.intake.public import users_with

    task = _task(task_id)
    if step == ESCALATION:
        return list(users_with(Capability.CASES_COORDINATE))
    case = task.goal.plan.case
    people = [u for u in (case.assigned_to, task.worker) if u is not None]
    return list(dict.fromkeys(people)) or list(users_with(Capability.CASES_COORDINATE))


def link(task_id: int) -> str:
    task = Task.objects.select_related("goal").get(pk=task_id)
    return reverse("cases:plan", args=[task.goal.plan_id])


def _text(step: str) -> Any:
    messages = {
        WARNING: gettext_lazy("A task of case %(number)s is due on %(date)s."),
        BREACH: gettext_lazy("A task of case %(number)s is overdue since %(date)s."),
        ESCALATION: gettext_lazy("A task of case %(number)s is overdue since %(date)s: "
                                 "escalated to the head of service."),
    }  # fmt: skip

    def text(task_id: int, language: str) -> str:
        task = _task(task_id)
        with translation.override(language):
            return str(messages[step]) % {
                "number": task.goal.plan.case.number,
                "date": task.due_on.strftime("%d.%m.%Y"),
            }

    return text


LABELS = {
    WARNING: gettext_lazy("A task of a plan is due soon"),
    BREACH: gettext_lazy("A task of a plan is overdue"),
    ESCALATION: gettext_lazy("A task of a plan is overdue (escalated)"),
}

SPEC = DeadlineKind(
    code=KIND, label=gettext_lazy("task of a protection plan"), subject_type=SUBJECT,
    default_target=datetime.timedelta(days=30), warn_at_percent=(80,),
    recipients=recipients, link=link, notify_as=NOTIFY,
)  # fmt: skip


def register() -> None:
    deadline_kinds.register(KIND, SPEC)
    for step, code in NOTIFY.items():
        notification_kinds.register(code, NotificationKindSpec(
            code=code, label=LABELS[step], text=_text(step),
            link=lambda _type, task_id: link(task_id), channels=(IN_APP, EMAIL),
        ))  # fmt: skip
