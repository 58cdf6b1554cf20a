"""Protection at scale: cases each with an approved initial plan (one goal, its tasks running
as deadlines) and services arranged with costs, bulk-made. Measured beside floors taken in
the same run:

- the case's page and the director's cost page, p50 and p95, against an empty audited page
  (`benchmarks/urls.py`: the layout, signed in past the second factor, and the audit event
  of the request in its transaction; no record read);
- the deadline scan with every task running and `due` of them at a warning, against the
  intake clock scan at the same count (taken by `intake.clock_scan_at_scale`).

The plans' goal and task texts are left empty (they are encrypted texts the case's page
never shows); everything else is as the services make it."""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.db import connection
from django.test import Client
from django.utils import timezone

from benchmarks.audit import _latencies_in_turn
from zastita.accounts.models import User
from zastita.cases.engagements.sums import rebuild
from zastita.cases.models import Case, CaseStatus, Engagement, EngagementKind, Goal, Plan, Task
from zastita.deadlines.models import Deadline, DeadlineState
from zastita.deadlines.public import deadline_scan
from zastita.people.models import Person

BATCH = 2000
KINDS = [k for k in EngagementKind.values if k != EngagementKind.OTHER]
FUNDING = ["budget", "project", "donor", "in_kind"]


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for i in range(0, len(ids), BATCH):
        yield ids[i : i + BATCH]


def seed(cases: int, *, tasks: int, services: int, head: User, due: int) -> dict[str, Any]:
    """`cases` cases on the persons already seeded (one each), each with its approved
    initial plan, `tasks` running tasks and `services` services over the last three years;
    `due` of all the tasks at their warning now."""
    started = time.perf_counter()
    now = timezone.now()
    today = timezone.localdate()
    persons = list(Person.objects.order_by("pk").values_list("pk", flat=True)[:cases])
    year = today.year + 2  # numbered apart from any case the run made otherwise
    made = {"cases": 0, "tasks": 0, "services": 0}
    sequence = 0
    for chunk in _chunks(persons):
        rows = []
        for person_id in chunk:
            sequence += 1
            rows.append(Case(person_id=person_id, year=year, sequence=sequence,
                             status=CaseStatus.ACTIVE, opened_at=now, created_by=head,
                             assigned_to=head))  # fmt: skip
        batch = Case.objects.bulk_create(rows)
        plans = Plan.objects.bulk_create(
            Plan(case=c, kind="initial", plan_date=today, participation="full",
                 consented_on=today, approved_at=now, created_by=head)
            for c in batch
        )  # fmt: skip
        goals = Goal.objects.bulk_create(Goal(plan=p, position=1, text="") for p in plans)
        task_rows = [
            Task(goal=g, position=i + 1, text="", responsible="person",
                 due_on=today + datetime.timedelta(days=30 + i))
            for g in goals for i in range(tasks)
        ]  # fmt: skip
        made_tasks = Task.objects.bulk_create(task_rows)
        deadlines = []
        for t in made_tasks:
            is_due = made["tasks"] < due
            made["tasks"] += 1
            allowed = datetime.timedelta(days=30)
            begun = now - (allowed * 0.8 + datetime.timedelta(minutes=1) if is_due
                           else datetime.timedelta(days=1))  # fmt: skip
            deadlines.append(Deadline(
                kind="cases.task", subject_type="plan_task", subject_id=t.pk,
                state=DeadlineState.RUNNING, started_at=begun, allowed=allowed,
                warn_at_percent=[80], due_at=begun + allowed,
                next_check_at=begun + allowed * 0.8,
            ))  # fmt: skip
        Deadline.objects.bulk_create(deadlines)
        Engagement.objects.bulk_create(
            Engagement(
                case=c, kind=KINDS[(c.pk + i) % len(KINDS)], created_by=head,
                requested_on=today - datetime.timedelta(days=(c.pk * 7 + i * 37) % 1000),
                started_on=today - datetime.timedelta(days=(c.pk * 7 + i * 37) % 1000),
                units=Decimal(2), unit="hours", cost=Decimal(1000 + (c.pk + i) % 50 * 500),
                funding=FUNDING[i % len(FUNDING)], decision="not_needed",
            )
            for c in batch for i in range(services)
        )  # fmt: skip
        made["cases"] += len(batch)
        made["services"] += len(batch) * services
    # The services were bulk-made: their cost sums are computed once, as the services'
    # writes would have kept them.
    rebuild()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE cases_case, cases_plan, cases_goal, cases_task, "
                           "cases_engagement, deadlines_deadline, cases_costcell, "
                           "cases_casecost")  # fmt: skip
    elapsed = time.perf_counter() - started
    return {**made, "seconds": round(elapsed, 1)}


def pages(client: Client, n: int) -> dict[str, Any]:
    """The case's page (a case from the middle of the table) and the cost page of this year
    and of every year, beside the empty audited page, each request of one taken in turn with
    one of the others (so that the machine's changing speed weighs on both alike)."""
    case = Case.objects.order_by("pk")[Case.objects.count() // 2]
    year = timezone.localdate().year
    for url in (f"/cases/{case.pk}/", "/cases/costs/", "/bench/empty"):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    figures = _latencies_in_turn(n, {
        "case_page": lambda: client.get(f"/cases/{case.pk}/"),
        "cost_page_year": lambda: client.get("/cases/costs/", {"year": year}),
        "cost_page_every_year": lambda: client.get("/cases/costs/"),
        "floor_empty_audited_page": lambda: client.get("/bench/empty"),
    })  # fmt: skip
    floor = figures["floor_empty_audited_page"]
    for name in ("case_page", "cost_page_year", "cost_page_every_year"):
        figures[name]["p95_over_floor"] = round(figures[name]["p95_ms"] / floor["p95_ms"], 2)
        figures[name]["p50_over_floor"] = round(figures[name]["p50_ms"] / floor["p50_ms"], 2)
    return {**figures, "n": n}


def task_scan(due: int) -> dict[str, Any]:
    """One scan with every task running and `due` of them at their warning, then one with
    nothing due."""
    running = Deadline.objects.filter(kind="cases.task", state=DeadlineState.RUNNING).count()
    start = time.perf_counter()
    counts = deadline_scan(limit=max(due, 1))
    busy = time.perf_counter() - start
    start = time.perf_counter()
    deadline_scan()
    idle = time.perf_counter() - start
    assert counts["warning"] == due, counts
    return {"running_tasks": running, "due_in_scan": due, "scan_with_due_s": round(busy, 3),
            "scan_nothing_due_s": round(idle, 4)}  # fmt: skip
