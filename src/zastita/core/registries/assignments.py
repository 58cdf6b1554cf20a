"""Assignable record types: what a domain app tells the assignments platform about the
records its workers are assigned to (registered in its `AppConfig.ready()` through
`assignments.public.register_assignable`).

The record's model carries the fields of `accounts.models.Assigned` (the assigned worker,
the co-workers, the team) and a `version`; the platform changes them, keeps each change,
audits it and tells the new assignee. The owning app says what the record is called
(`reference`: a number or code, never a name), where its page is (`link`), which of its
records are still open (`open_filter`, for the workload page), and who may see one
(`can_view`: its need-to-know rule).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, Q
from django.utils.functional import Promise

from zastita.core.registries import Registry


@dataclass(frozen=True)
class AssignableType:
    code: str  # the subject type: "report", "identification"
    label: str | Promise  # the kind of record, in words ("report")
    label_plural: str | Promise
    model: type[Model]
    reference: Callable[[int], str]
    link: Callable[[int], str]
    can_view: Callable[[Any, int], bool]
    # The records still being worked on (the workload page counts and lists only these).
    open_filter: Q
    # The capability a worker needs to be assigned (or share) one.
    capability: str = "cases.work"


assignable_types = Registry[AssignableType]("assignable record types")
