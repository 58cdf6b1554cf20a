"""Reports are assigned records: the duty worker who takes one becomes its assignee, and the
head of service assigns and reassigns it (the assignments platform keeps each change)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zastita.assignments.public import AssignableType, register_assignable
from zastita.intake.models import Report, Status

# A report is worked on until it is decided away from the Center or closed.
OPEN = (Status.RECEIVED, Status.REGISTERED, Status.ACCEPTED, Status.IDENTIFICATION)


def _reference(report_id: int) -> str:
    return Report.objects.only("year", "sequence").get(pk=report_id).number


def _may_view(user: Any, report_id: int) -> bool:
    from zastita.core.errors import ApplicationError
    from zastita.intake.selectors import report_get_for_actor

    try:
        report_get_for_actor(actor=user, report_id=report_id)
    except ApplicationError:
        return False
    return True


SPEC = AssignableType(
    code="report", label=_("report"), label_plural=_("reports"), model=Report,
    reference=_reference, link=lambda pk: reverse("intake:report_detail", args=[pk]),
    can_view=_may_view, open_filter=Q(status__in=OPEN),
)  # fmt: skip


def register() -> None:
    register_assignable(SPEC)
