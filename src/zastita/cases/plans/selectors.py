"""Reads for plans, scoped through their case (need-to-know): a plan is found only by who
may see its case, and missing and forbidden answer alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from zastita.accounts.models import User
from zastita.cases.models import Case, Goal, Plan, PlanKind, PlanSharing, Task, TaskStatus
from zastita.cases.plans.tasks import KIND, SUBJECT
from zastita.core.crypto import unseal
from zastita.core.labels import labels
from zastita.core.selectors import get_for_actor
from zastita.deadlines.public import Deadline, DeadlineState


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


@dataclass
class PlanLine:
    """A plan as the case's page shows it: its kind, revision and state, and its open and
    overdue tasks counted."""

    pk: int
    kind: str
    kind_label: str
    revision: int
    approved: bool
    superseded: bool
    open_count: int
    overdue_count: int


# The counts are one aggregate over the plan's tasks and their deadlines, written as SQL:
# built by the ORM (annotations with a filtered EXISTS) the same query costs three times
# as much to compose as to run. Standard SQL (FILTER needs SQLite 3.30 or later), the same
# on PostgreSQL and SQLite, with the tables' names from the models.
_PLANS_SQL = """
SELECT p.id, p.kind, p.revision,
       CASE WHEN p.approved_at IS NULL THEN 0 ELSE 1 END,
       CASE WHEN p.superseded_at IS NULL THEN 0 ELSE 1 END,
       COUNT(t.id) FILTER (WHERE t.status = %s),
       COUNT(t.id) FILTER (WHERE t.status = %s AND EXISTS (
           SELECT 1 FROM {deadline} d WHERE d.kind = %s AND d.subject_type = %s
           AND d.subject_id = t.id AND d.state = %s AND d.breached_at IS NOT NULL))
FROM {plan} p
LEFT JOIN {goal} g ON g.plan_id = p.id
LEFT JOIN {task} t ON t.goal_id = g.id
WHERE p.case_id = %s
GROUP BY p.id, p.kind, p.revision, p.approved_at, p.superseded_at
"""


def plans_summary(case: Case) -> list[PlanLine]:
    """The case's plans for its page, the latest revision of each kind first, each with its
    open tasks and those past their deadline counted, in one query."""
    sql = _PLANS_SQL.format(plan=Plan._meta.db_table, goal=Goal._meta.db_table,
                            task=Task._meta.db_table, deadline=Deadline._meta.db_table)  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(sql, [TaskStatus.OPEN.value, TaskStatus.OPEN.value, KIND, SUBJECT,
                             DeadlineState.RUNNING.value, case.pk])  # fmt: skip
        rows = cursor.fetchall()
    kinds = labels(PlanKind)
    lines = [
        PlanLine(pk=pk, kind=kind, kind_label=kinds.get(kind, ""), revision=revision,
                 approved=bool(approved), superseded=bool(superseded), open_count=open_count,
                 overdue_count=overdue_count)
        for pk, kind, revision, approved, superseded, open_count, overdue_count in rows
    ]  # fmt: skip
    return sorted(lines, key=lambda line: (line.kind, -line.revision))


def startable(case: Case, plans: list[PlanLine]) -> list[tuple[str, str]]:
    """The plans that may be started now: the initial plan once, right after opening; the
    service plan once the initial plan is approved (`plans`: the case's plans)."""
    if not case.is_open:
        return []
    kinds = {p.kind: p for p in plans if p.revision == 1}
    out = []
    if PlanKind.INITIAL not in kinds:
        out.append((PlanKind.INITIAL.value, str(PlanKind.INITIAL.label)))
    elif kinds[PlanKind.INITIAL].approved and PlanKind.SERVICE not in kinds:
        out.append((PlanKind.SERVICE.value, str(PlanKind.SERVICE.label)))
    return out


def task_choices(tasks: list[Task]) -> list[tuple[int, str]]:
    """Open tasks as choices: their number in the plan and their text (decrypted)."""
    return [
        (t.pk, f"{t.goal.position}.{t.position} {unseal(t.text, 'plan_task', t.pk, 'text')[:80]}")
        for t in tasks
    ]
