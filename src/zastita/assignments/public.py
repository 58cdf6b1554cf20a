"""What the domain apps use of assignments: register an assignable record type (its model
carries `accounts.models.Assigned` and a `version`), let a worker take an unassigned record
inside their own step, and show a record's assignment on its page."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.urls import reverse

from zastita.assignments.scope import (
    assigned_q,
    in_scope_rule,
    record_scope,
    sees_every_record,
    shared_with,
)
from zastita.assignments.selectors import history
from zastita.assignments.services import (
    Assignment,
    assignment_carry,
    assignment_set,
    assignment_take,
)
from zastita.core.registries import safe_reference
from zastita.core.registries.assignments import AssignableType, assignable_types


def assign_url(actor: Any, subject_type: str, subject_id: int) -> str:
    """The page where the head of service changes a record's assignment ("" for others)."""
    if not actor.has_perm("assignments.assign"):
        return ""
    return reverse("assignments:assignment", args=[subject_type, subject_id])


def register_assignable(spec: AssignableType) -> AssignableType:
    """Registers the type and the notification kind that tells a worker a record of it is
    now theirs (in-app and e-mail; the text is the record's number, never a name)."""
    from zastita.assignments.notifications import register_kind

    safe = replace(spec, reference=safe_reference(spec.reference))
    if assignable_types.find(spec.code) == safe:  # a second ready() (tests)
        return safe
    assignable_types.register(spec.code, safe)
    register_kind(safe)
    return safe


__all__ = [
    "AssignableType",
    "Assignment",
    "assign_url",
    "assigned_q",
    "assignment_carry",
    "assignment_set",
    "assignment_take",
    "history",
    "in_scope_rule",
    "record_scope",
    "register_assignable",
    "sees_every_record",
    "shared_with",
]
