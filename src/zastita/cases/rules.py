"""Permission predicates for cases, and the cases' scope (need-to-know, ARCHITECTURE.md §4)."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q

from zastita.accounts.capabilities import Capability
from zastita.accounts.rules import has_capability
from zastita.assignments.public import assigned_q, in_scope_rule, record_scope


def case_scope(actor: Any, *, grants: bool = True) -> Q:
    """The cases `actor` may see. The head of service and the director: every one. A
    worker: those assigned to them (the case manager), shared with them or their teams, and
    the ones they opened. Everyone: what they opened this session with a stated reason."""
    return record_scope(actor, "case", needs=Capability.CASES_WORK, own=_own, grants=grants)


def _own(actor: Any) -> Q:
    from zastita.cases.models import Case

    return assigned_q(Case, actor) | Q(created_by=actor.pk)


def _case_of(user: Any, obj: Any) -> Any:
    """What hangs from a case (a plan, a goal, a task, a service): the case's scope."""
    for step in ("goal", "plan"):
        if hasattr(obj, f"{step}_id"):
            obj = getattr(obj, step)
    return getattr(obj, "case", None)


in_scope = in_scope_rule("cases.Case", case_scope, resolve=_case_of)

can_work = has_capability(Capability.CASES_WORK)
can_coordinate = has_capability(Capability.CASES_COORDINATE)
can_read_all = has_capability(Capability.CASES_READ_ALL)

# Reading a case: who works on cases, the head of service, the director; one, in scope.
rules.add_perm("cases.view", (can_work | can_coordinate | can_read_all) & in_scope)
# Working on a case (its steps): the workers in scope and the head of service; never the
# director, who reads and writes nothing.
rules.add_perm("cases.work", (can_work | can_coordinate) & in_scope)
# Opening a case: the head of service, or the worker assigned to the identification (the
# service checks that for the identification in question).
rules.add_perm("cases.open", can_work | can_coordinate)
# The director's figures and the costs of protection: numbers and case numbers of every
# case, for who coordinates or reads all cases (the head of service, the director).
rules.add_perm("cases.figures", can_coordinate | can_read_all)
# Recording the stock donors give in kind: the head of service.
rules.add_perm("cases.stock", can_coordinate)
# Approving a plan and what else the head of service approves on a case.
rules.add_perm("cases.approve", can_coordinate & in_scope)
