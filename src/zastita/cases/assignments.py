"""Cases are assigned records: the case manager (the identification's worker, carried over
when the case is opened), co-workers and a team; the head of service reassigns."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zastita.assignments.public import AssignableType, register_assignable
from zastita.cases.models import OPEN_STATUSES, Case
from zastita.cases.scopes import _link, _reference


def _may_view(user: Any, case_id: int) -> bool:
    from zastita.cases.selectors import case_get_for_actor
    from zastita.core.errors import ApplicationError

    try:
        case_get_for_actor(actor=user, case_id=case_id)
    except ApplicationError:
        return False
    return True


SPEC = AssignableType(
    code="case", label=_("case"), label_plural=_("cases"), model=Case, reference=_reference,
    link=_link, can_view=_may_view, open_filter=Q(status__in=OPEN_STATUSES),
)  # fmt: skip


def register() -> None:
    register_assignable(SPEC)
