"""Reads for cases, scoped to the actor (need-to-know)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from zastita.accounts.models import User
from zastita.cases.models import Case, CaseStatus, CaseTransition
from zastita.cases.rules import case_scope
from zastita.core.crypto import unseal
from zastita.core.errors import PermissionDenied
from zastita.core.labels import labels
from zastita.core.paging import Page, Pager, first_page
from zastita.core.selectors import get_for_actor

PAGE_SIZE = 50
ORDER = ("-opened_at", "-pk")


def case_get_for_actor(*, actor: User, case_id: int) -> Case:
    return get_for_actor(
        Case.objects.select_related("person", "assigned_to", "team"),
        case_id, actor=actor, perm="cases.view", object_type="case",
    )  # fmt: skip


def case_list(*, actor: User, status: str = "", pager: Pager | None = None) -> Page[Case]:
    """The cases in the actor's scope, newest first, a page at a time: numbers, codes and
    statuses, nothing decrypted."""
    if not actor.has_perm("cases.view"):
        raise PermissionDenied(object_type="case_list")
    qs: QuerySet[Case] = Case.objects.filter(case_scope(actor)).select_related(
        "person", "assigned_to"
    )
    if status:
        qs = qs.filter(status=status)
    return (pager or first_page(PAGE_SIZE))(qs, ORDER)


@dataclass
class TimelineLine:
    """A step of the case's workflow as its page shows it."""

    at: datetime.datetime
    status: str
    by: str
    text: str


def case_timeline(case: Case) -> list[TimelineLine]:
    """The case's steps, oldest first, in one query of the columns its page shows, each
    reason decrypted (sorted here, as `service_rows`)."""
    statuses = labels(CaseStatus)
    return [
        TimelineLine(at=at, status=statuses.get(to, ""), by=by,
                     text=unseal(reason, "case_transition", pk, "reason"))
        for pk, at, to, by, reason in sorted(
            CaseTransition.objects.filter(case_id=case.pk).order_by()
            .values_list("pk", "at", "to_status", "actor__full_name", "reason"),
            key=lambda row: (row[1], row[0]))
    ]  # fmt: skip


def case_documents(actor: User, case: Case, *, plans: list[Any], reviews: list[Any],
                   closures: list[Any], engagements: list[Any]) -> list[Any]:  # fmt: skip
    """The official documents of the case's file: about the case, its plans, its reviews,
    its closures and its services, oldest first (the caller has read the case, and passes
    what it has already read for its page)."""
    from zastita.documents.public import documents_for_subjects

    subjects: list[tuple[str, int]] = [("case", case.pk)]
    subjects += [("plan", plan.pk) for plan in plans]
    subjects += [("review", row.pk) for row in reviews]
    subjects += [("closure", closure.pk) for closure in closures]
    subjects += [("engagement", row.pk) for row in engagements]
    return documents_for_subjects(actor=actor, subjects=subjects)
