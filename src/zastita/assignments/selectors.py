"""Reads for assignments: a record's history of assignments, the staff who can be assigned,
and the head of service's workload (per worker: open records of each type, running and
breached deadlines on them; and the records nobody has)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from zastita.accounts.models import Team, User
from zastita.assignments.models import AssignmentChange
from zastita.core.errors import PermissionDenied
from zastita.core.registries.assignments import AssignableType, assignable_types
from zastita.deadlines.public import running_by_subject


def history(*, subject_type: str, subject_id: int) -> list[AssignmentChange]:
    """A record's assignments, oldest first (the owning app has checked access)."""
    rows = list(
        AssignmentChange.objects.filter(subject_type=subject_type, subject_id=subject_id)
        .select_related("assignee", "team", "changed_by")
        .order_by("created_at", "pk")
    )
    names = dict(
        User.objects.filter(pk__in={i for r in rows for i in r.coworker_ids}).values_list(
            "pk", "full_name"
        )
    )
    for row in rows:
        row.coworker_names = [names.get(i, "?") for i in row.coworker_ids]  # type: ignore[attr-defined]
    return rows


def assignable_staff(capability: str = "cases.work") -> list[User]:
    """Active accounts that work on cases, by name: who may be assigned or share a record."""
    users = User.objects.filter(is_active=True).prefetch_related("roles").order_by("full_name")
    return [u for u in users if u.has_capability(capability)]


def active_teams() -> list[Team]:
    return list(Team.objects.filter(is_active=True).order_by("name"))


@dataclass
class WorkerLoad:
    user: User
    open_by_type: dict[str, int] = field(default_factory=dict)
    running: int = 0
    breached: int = 0
    # The open records of each type, in the order of the workload's types.
    counts: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.open_by_type.values())


@dataclass
class Workload:
    types: list[AssignableType]
    workers: list[WorkerLoad]
    # Per type, the open records nobody is assigned to: (subject id, reference, link).
    unassigned: list[tuple[AssignableType, list[tuple[int, str, str]]]]


def workload(*, actor: Any, unassigned_limit: int = 50) -> Workload:
    """The head of service's view of who carries what. Ids and numbers only."""
    if not actor.has_perm("assignments.workload"):
        raise PermissionDenied(object_type="workload")
    types = sorted(assignable_types, key=lambda t: str(t.label))
    staff = assignable_staff()
    loads = {u.pk: WorkerLoad(user=u) for u in staff}
    now = timezone.now()
    unassigned: list[tuple[AssignableType, list[tuple[int, str, str]]]] = []
    for spec in types:
        open_rows = list(
            spec.model._default_manager.filter(spec.open_filter).values_list("pk", "assigned_to")
        )
        counts = Counter(assignee for _pk, assignee in open_rows if assignee is not None)
        for uid, n in counts.items():
            if uid in loads:
                loads[uid].open_by_type[spec.code] = n
        owner = {pk: assignee for pk, assignee in open_rows}
        running = running_by_subject(subject_type=spec.code, subject_ids=owner)
        for pk, deadlines in running.items():
            load = loads.get(owner.get(pk) or 0)
            if load is not None:
                load.running += len(deadlines)
                load.breached += sum(1 for d in deadlines if d.due_at <= now)
        nobody = sorted(pk for pk, assignee in open_rows if assignee is None)[:unassigned_limit]
        unassigned.append((spec, [(pk, spec.reference(pk), spec.link(pk)) for pk in nobody]))
    for load in loads.values():
        load.counts = [
            (str(spec.label_plural), load.open_by_type.get(spec.code, 0)) for spec in types
        ]
    return Workload(types=types, workers=list(loads.values()), unassigned=unassigned)


def coworker_names(record: Any) -> list[str]:
    """The names of a record's co-workers, in Serbian alphabetical order, in one query of
    the names alone (the owning app has checked access; the record has a `coworkers`
    field)."""
    from zastita.core.collation import sort_key

    relation = record._meta.get_field("coworkers")
    through = relation.remote_field.through
    names = through.objects.filter(**{f"{relation.m2m_field_name()}_id": record.pk}).order_by()
    return sorted(names.values_list(f"{relation.m2m_reverse_field_name()}__full_name", flat=True),
                  key=sort_key)  # fmt: skip
