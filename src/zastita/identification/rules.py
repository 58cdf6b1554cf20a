"""Permission predicates for formal identification, and the identifications' scope
(need-to-know, ARCHITECTURE.md §4)."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q

from zastita.accounts.capabilities import Capability
from zastita.accounts.rules import has_capability
from zastita.assignments.public import assigned_q
from zastita.core.registries.scopes import NOTHING, extended, granted


def identification_scope(actor: Any) -> Q:
    """The identifications `actor` may see. The head of service and the director: every
    one. A worker: those assigned to them, shared with them or their teams, the ones they
    started, and those of the reports assigned to them. Everyone: what they opened this
    session with a stated reason. Anyone else: none."""
    from zastita.identification.models import Identification

    if not getattr(actor, "is_active", False):
        return NOTHING
    if actor.has_capability(Capability.CASES_COORDINATE) or actor.has_capability(
        Capability.CASES_READ_ALL
    ):
        return Q()
    if not actor.has_capability(Capability.CASES_WORK):
        return NOTHING
    return (
        assigned_q(Identification, actor) | Q(created_by=actor.pk)
        | Q(report_person__in=_report_persons_assigned_to(actor.pk))
        | extended(actor, "identification") | granted(actor, "identification")
    )  # fmt: skip


def _report_persons_assigned_to(user_id: int) -> Any:
    """The persons of the reports assigned to the user: a subquery, so the scope needs no
    join of the whole identification table to the reports."""
    from zastita.intake.public import ReportPerson

    return ReportPerson.objects.filter(report__assigned_to=user_id).values("pk")


@rules.predicate
def in_scope(user: Any, identification: Any) -> bool:
    """The object rule: the identification is one `identification_scope` gives."""
    from zastita.identification.models import Identification

    if identification is None:
        return True
    if not isinstance(identification, Identification):
        if hasattr(identification, "report"):  # a report's person, to start one: the report's
            return bool(user.has_perm("intake.view", identification.report))
        if not hasattr(identification, "identification"):
            return False
        identification = identification.identification  # its attachment: its scope
    scope = identification_scope(user)
    return Identification.objects.filter(scope, pk=identification.pk).exists()


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
