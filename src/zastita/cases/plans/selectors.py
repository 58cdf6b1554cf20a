"""Reads for plans, scoped through their case (need-to-know): a plan is found only by who
may see its case, and missing and forbidden answer alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zastita.accounts.models import User
from zastita.cases.models import Case, Goal, Plan, PlanSharing, Task, TaskStatus
from zastita.cases.plans.tasks import KIND, SUBJECT
from zastita.core.crypto import unseal
from zastita.core.selectors import get_for_actor
from zastita.deadlines.public import Deadline


def plan_get_for_actor(*, actor: User, plan_id: int) -> Plan:
    return get_for_actor(
        Plan.objects.select_related("case__person", "case__assigned_to", "created_by"),
        plan_id, actor=actor, perm="cases.view", object_type="plan",
    )  # fmt: skip


@dataclass
class TaskRow:
    task: Task
    text: str
    end_reason: str
    deadline: Deadline | None
    # The form that ends it, on the plan's page (ids of its own).
    end_form: Any = None

    @property
    def overdue(self) -> bool:
        return (
            self.task.status == TaskStatus.OPEN
            and self.deadline is not None
            and (self.deadline.breached_at is not None)
        )


@dataclass
class GoalRow:
    goal: Goal
    text: str
    tasks: list[TaskRow] = field(default_factory=list)
    shared_with: list[PlanSharing] = field(default_factory=list)


def plan_goals(plan: Plan) -> list[GoalRow]:
    """The plan's goals and tasks, decrypted, with each open task's deadline."""
    goals = list(plan.goals.all())
    tasks = list(
        Task.objects.filter(goal__plan=plan).select_related("worker", "provider__organisation")
    )
    deadlines = {
        d.subject_id: d
        for d in Deadline.objects.filter(
            kind=KIND, subject_type=SUBJECT, subject_id__in=[t.pk for t in tasks]
        ).order_by("started_at")
    }
    sharing = list(plan.sharing.select_related("provider__organisation"))
    rows = {g.pk: GoalRow(g, unseal(g.text, "plan_goal", g.pk, "text")) for g in goals}
    for task in tasks:
        rows[task.goal_id].tasks.append(TaskRow(
            task, unseal(task.text, "plan_task", task.pk, "text"),
            unseal(task.end_reason, "plan_task", task.pk, "end_reason"), deadlines.get(task.pk),
        ))  # fmt: skip
    for share in sharing:
        rows[share.goal_id].shared_with.append(share)
    return list(rows.values())


def case_plans(case: Case) -> list[Plan]:
    """Every revision of the case's plans, the latest of each kind first."""
    return list(case.plans.order_by("kind", "-revision"))


def open_tasks(case: Case) -> list[Task]:
    """The open tasks of the case's plans in force (approved and not set aside)."""
    return list(
        Task.objects.filter(goal__plan__case=case, status=TaskStatus.OPEN,
                            goal__plan__approved_at__isnull=False,
                            goal__plan__superseded_at__isnull=True)
        .select_related("goal__plan").order_by("due_on", "pk")
    )  # fmt: skip


def plans_summary(case: Case) -> list[Plan]:
    """The case's plans for its page, the latest of each kind first, each with its open and
    overdue tasks counted, in one query of the columns the page shows (sorted here: a
    case's plans are few)."""
    from django.db.models import Count, Exists, OuterRef, Q

    late = Deadline.objects.filter(kind=KIND, subject_type=SUBJECT,
                                   subject_id=OuterRef("goals__tasks__pk"),
                                   breached_at__isnull=False, state="running")  # fmt: skip
    still_open = Q(goals__tasks__status=TaskStatus.OPEN)
    return sorted(
        Plan.objects.filter(case_id=case.pk)
        .only("case_id", "kind", "revision", "approved_at", "superseded_at")
        .annotate(open_count=Count("goals__tasks", filter=still_open),
                  overdue_count=Count("goals__tasks", filter=still_open & Q(Exists(late))))
        .order_by(), key=lambda plan: (plan.kind, -plan.revision),
    )  # fmt: skip


def startable(case: Case, plans: list[Plan] | None = None) -> list[tuple[str, str]]:
    """The plans that may be started now: the initial plan once, right after opening; the
    service plan once the initial plan is approved. `plans`: the case's plans, when the
    caller has read them already."""
    if not case.is_open:
        return []
    from zastita.cases.models import PlanKind

    if plans is None:
        plans = list(case.plans.filter(revision=1))
    kinds = {p.kind: p for p in plans if p.revision == 1}
    out = []
    if PlanKind.INITIAL not in kinds:
        out.append((PlanKind.INITIAL.value, str(PlanKind.INITIAL.label)))
    elif kinds[PlanKind.INITIAL].approved_at is not None and PlanKind.SERVICE not in kinds:
        out.append((PlanKind.SERVICE.value, str(PlanKind.SERVICE.label)))
    return out


def task_choices(tasks: list[Task]) -> list[tuple[int, str]]:
    """Open tasks as choices: their number in the plan and their text (decrypted)."""
    return [
        (t.pk, f"{t.goal.position}.{t.position} {unseal(t.text, 'plan_task', t.pk, 'text')[:80]}")
        for t in tasks
    ]
