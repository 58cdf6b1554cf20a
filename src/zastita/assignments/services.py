"""Writes for assignments: the head of service assigns a record (a worker, co-workers, a
team), a worker takes an unassigned one, and a worker's open records go to another at once
(leave). Each change locks the record, refuses a stale version, keeps a history row,
audits, and tells the new assignee and co-workers (a notification of codes only)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zastita.accounts.models import Team, User
from zastita.assignments.models import AssignmentChange
from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.core.concurrency import check_version
from zastita.core.errors import NotFound, PermissionDenied, ValidationError, known_code
from zastita.core.registries.assignments import AssignableType, assignable_types
from zastita.notifications.public import notify


@dataclass(frozen=True)
class Assignment:
    """What the head of service chose: the assigned worker (or nobody), the team (or none)
    and the co-workers the record is shared with."""

    assignee: User | None
    team: Team | None = None
    coworkers: tuple[User, ...] = field(default_factory=tuple)


def kind_code(subject_type: str) -> str:
    """The notification kind that tells a worker a record of this type is now theirs."""
    return f"assignments.{subject_type}"


def assignable(subject_type: str) -> AssignableType:
    spec = assignable_types.find(subject_type)
    if spec is None:
        raise NotFound(denied=True, object_type="assignment",
                       object_id=known_code(subject_type, assignable_types))  # fmt: skip
    return spec


def _check_people(spec: AssignableType, chosen: Assignment) -> None:
    errors: dict[str, list[str]] = {}

    def refuse(user: User) -> str | None:
        if not user.is_active:
            return _("%(name)s's account is not active.") % {"name": user.full_name}
        if not user.has_capability(spec.capability):
            return _("%(name)s does not work on cases and cannot be assigned.") % {
                "name": user.full_name
            }
        return None

    if chosen.assignee is not None and (why := refuse(chosen.assignee)):
        errors["assignee"] = [why]
    problems = [why for user in chosen.coworkers if (why := refuse(user))]
    if chosen.assignee is not None and chosen.assignee in chosen.coworkers:
        problems.append(_("The assigned worker is not also their own co-worker."))
    if problems:
        errors["coworkers"] = problems
    if chosen.team is not None and not chosen.team.is_active:
        errors["team"] = [_("This team is no longer active.")]
    if errors:
        raise ValidationError(fields=errors)


def _current(record: Any) -> Assignment:
    return Assignment(
        assignee=record.assigned_to, team=record.team,
        coworkers=tuple(record.coworkers.order_by("pk")),
    )  # fmt: skip


def _apply(
    *, actor: User, spec: AssignableType, record: Any, chosen: Assignment, taken: bool = False
) -> bool:
    """Sets the record's assignment (locked by the caller), keeps the change, audits it and
    tells who is new on it. False when nothing changed. A record taken within the caller's
    own step keeps the version that step gave it."""
    before = _current(record)
    same_people = {u.pk for u in before.coworkers} == {u.pk for u in chosen.coworkers}
    if before.assignee == chosen.assignee and before.team == chosen.team and same_people:
        return False
    record.assigned_to, record.team = chosen.assignee, chosen.team
    fields = ["assigned_to", "team", "updated_at"]
    if not taken:
        record.version += 1
        fields.append("version")
    record.save(update_fields=fields)
    record.coworkers.set(chosen.coworkers)
    AssignmentChange.objects.create(
        subject_type=spec.code, subject_id=record.pk, assignee=chosen.assignee,
        team=chosen.team, coworker_ids=sorted(u.pk for u in chosen.coworkers),
        changed_by=actor, taken=taken,
    )  # fmt: skip
    audit_record(action=Action.UPDATE, actor=actor, object_type=f"{spec.code}_assignment",
                 object_id=record.pk, purpose=Purpose.CASE_WORK)  # fmt: skip
    newcomers = [u for u in (chosen.assignee, *chosen.coworkers) if u is not None]
    known = {u.pk for u in (before.assignee, *before.coworkers) if u is not None}
    told = [u for u in newcomers if u.pk not in known and u.pk != actor.pk]
    if told:
        notify(kind=kind_code(spec.code), subject_type=spec.code, subject_id=record.pk,
               recipients=told, tag=f"v{record.version}")  # fmt: skip
    return True


def _locked(spec: AssignableType, subject_id: int) -> Any:
    record = spec.model._default_manager.select_for_update().filter(pk=subject_id).first()
    if record is None:
        raise NotFound(denied=True, object_type=spec.code, object_id=str(subject_id))
    return record


@transaction.atomic(durable=True)
def assignment_set(
    *, actor: User, subject_type: str, subject_id: int, chosen: Assignment,
    version: int | None,
) -> Any:  # fmt: skip
    """The head of service assigns the record (or takes the assignment away). A record the
    actor may not see, or a type that is not assignable, is not found; a stale version (two
    heads at once) is a conflict; a worker who cannot be assigned is refused by name."""
    spec = assignable(subject_type)
    if not spec.can_view(actor, subject_id):
        raise NotFound(denied=True, object_type=spec.code, object_id=str(subject_id))
    if not actor.has_perm("assignments.assign"):
        raise PermissionDenied(object_type=f"{spec.code}_assignment", object_id=str(subject_id))
    _check_people(spec, chosen)
    record = _locked(spec, subject_id)
    check_version(record.version, version)
    _apply(actor=actor, spec=spec, record=record, chosen=chosen)
    return record


def assignment_take(*, actor: User, subject_type: str, record: Any) -> bool:
    """The worker takes a record nobody has yet (the duty worker who takes a report, the
    worker who opens an identification): inside the caller's transaction, on the record the
    caller has locked. False when it already had someone."""
    spec = assignable(subject_type)
    if record.assigned_to_id is not None:
        return False
    chosen = Assignment(assignee=actor, team=record.team, coworkers=_current(record).coworkers)
    return _apply(actor=actor, spec=spec, record=record, chosen=chosen, taken=True)


def assignment_carry(*, actor: User, subject_type: str, record: Any, source: Any) -> bool:
    """A new record carries on another's work (a case opened from an identification): it
    gets the source's assigned worker, co-workers and team, inside the caller's
    transaction, kept and audited as a change (the newcomers are told). Nobody assigned on
    the source: the actor takes it. False when nothing changed."""
    spec = assignable(subject_type)
    current = _current(source)
    if current.assignee is None:
        return assignment_take(actor=actor, subject_type=subject_type, record=record)
    _check_people(spec, current)
    return _apply(actor=actor, spec=spec, record=record, chosen=current, taken=True)


@transaction.atomic(durable=True)
def assignments_move(
    *, actor: User, from_user: User, to_user: User, subject_types: Iterable[str]
) -> int:
    """Every open record of these types assigned to `from_user` goes to `to_user` (a worker
    on leave); the co-workers and team stay. Each record's change is kept and audited. The
    number of records moved."""
    if not actor.has_perm("assignments.assign"):
        raise PermissionDenied(object_type="assignment_move")
    if from_user == to_user:
        raise ValidationError(fields={"to_user": [_("Choose another worker.")]})
    moved = 0
    for code in subject_types:
        spec = assignable(code)
        _check_people(spec, Assignment(assignee=to_user))
        records = spec.model._default_manager.select_for_update().filter(
            spec.open_filter, assigned_to=from_user
        )
        for record in records.order_by("pk"):
            now = _current(record)
            chosen = Assignment(
                assignee=to_user, team=now.team,
                coworkers=tuple(u for u in now.coworkers if u != to_user),
            )  # fmt: skip
            moved += _apply(actor=actor, spec=spec, record=record, chosen=chosen)
    return moved
