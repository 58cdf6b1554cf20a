"""The next review of a case is a deadline on the platform (kind "cases.review", subject
"case"): it starts when the case's first plan is approved, restarts after each review, at
the case's own interval, stops when the case closes and starts again when it reopens."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from zastita.cases.clocks import register_clock
from zastita.cases.models import Case
from zastita.cases.plans.tasks import due_at, stop_running
from zastita.core.registries.deadlines import BREACH, ESCALATION, WARNING
from zastita.deadlines.public import Deadline, DeadlineState, deadline_start

KIND = "cases.review"


def running_clock(case: Case) -> QuerySet[Deadline]:
    """The case's review clock while it runs (or is paused): one at most."""
    return Deadline.objects.filter(
        kind=KIND, subject_id=case.pk, state__in=(DeadlineState.RUNNING, DeadlineState.PAUSED)
    ).order_by()


def running(case: Case) -> Deadline | None:
    return running_clock(case).first()


def review_start(case: Case, *, at: datetime.datetime, actor: object) -> Deadline:
    """The next review, the case's interval from `at` (to the end of that day)."""
    day = timezone.localtime(at).date() + datetime.timedelta(days=case.review_every_days)
    return deadline_start(kind=KIND, subject_id=case.pk, at=at, actor=actor, due_at=due_at(day))


def review_start_first(case: Case, *, at: datetime.datetime, actor: object) -> None:
    """When a plan is approved and no review is due yet, the first one is set."""
    if running(case) is None:
        review_start(case, at=at, actor=actor)


def review_stop(case: Case, *, at: datetime.datetime, actor: object, cancel: bool) -> None:
    stop_running(KIND, case.pk, at=at, actor=actor, cancel=cancel)


def _case(case_id: int) -> Case:
    return Case.objects.select_related("assigned_to").get(pk=case_id)


def _workers(case_id: int) -> list[Any]:
    case = _case(case_id)
    return [case.assigned_to] if case.assigned_to else []


def _values(case_id: int) -> dict[str, str]:
    case = _case(case_id)
    deadline = Deadline.objects.filter(kind=KIND, subject_id=case_id).order_by("-pk").first()
    day = (
        timezone.localtime(deadline.due_at).date() - datetime.timedelta(days=1)
        if deadline
        else timezone.localdate()
    )
    return {"number": case.number, "date": day.strftime("%d.%m.%Y")}


def register() -> None:
    register_clock(
        code=KIND, label=gettext_lazy("review of a case"), subject_type="case",
        default=datetime.timedelta(days=91), warn_at=(90,), workers=_workers,
        link=lambda case_id: reverse("cases:detail", args=[case_id]), values=_values,
        messages={
            WARNING: gettext_lazy("The review of case %(number)s is due on %(date)s."),
            BREACH: gettext_lazy("The review of case %(number)s is overdue since %(date)s."),
            ESCALATION: gettext_lazy("The review of case %(number)s is overdue since "
                                     "%(date)s: escalated to the head of service."),
        },
        labels={
            WARNING: gettext_lazy("A case's review is due soon"),
            BREACH: gettext_lazy("A case's review is overdue"),
            ESCALATION: gettext_lazy("A case's review is overdue (escalated)"),
        },
    )  # fmt: skip
