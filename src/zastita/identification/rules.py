"""Permission predicates for formal identification, and the identifications' scope
(need-to-know, ARCHITECTURE.md §4)."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q

from zastita.accounts.capabilities import Capability
from zastita.accounts.rules import has_capability
from zastita.assignments.public import assigned_q, in_scope_rule, record_scope


def identification_scope(actor: Any, *, grants: bool = True) -> Q:
    """The identifications `actor` may see. The head of service and the director: every
    one. A worker: those assigned to them, shared with them or their teams, the ones they
    started, and those of the reports assigned to them. Everyone: what they opened this
    session with a stated reason. Anyone else: none."""
    return record_scope(
        actor, "identification", needs=Capability.CASES_WORK, own=_own, grants=grants
    )


def _own(actor: Any) -> Q:
    from zastita.identification.models import Identification

    return (
        assigned_q(Identification, actor) | Q(created_by=actor.pk)
        | Q(report_person__report__assigned_to=actor.pk)
    )  # fmt: skip


def _identification_of(user: Any, obj: Any) -> Any:
    """A report's person, to start an identification: the report's scope. An
    identification's attachment: the identification's."""
    if hasattr(obj, "report"):
        return bool(user.has_perm("intake.view", obj.report))
    return getattr(obj, "identification", None)


in_scope = in_scope_rule(
    "identification.Identification", identification_scope, resolve=_identification_of
)

can_work = has_capability(Capability.CASES_WORK)
can_coordinate = has_capability(Capability.CASES_COORDINATE)
can_read_all = has_capability(Capability.CASES_READ_ALL)

# The professionals who identify: they evaluate indicator answers (of the identifications
# in their scope).
rules.add_perm("identification.assess", can_work & in_scope)
# Decisions on a person's status come into force with the head of service's approval.
rules.add_perm("identification.approve", can_coordinate)
# Reading an identification: those who identify, the head of service, the director; one,
# only within the reader's scope.
rules.add_perm("identification.view", (can_work | can_coordinate | can_read_all) & in_scope)
# The indicator sets and decision rules are the head of service's to edit.
rules.add_perm("identification.manage_rules", can_coordinate)
