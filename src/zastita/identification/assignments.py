"""Identifications are assigned records: the worker who opens one becomes its assignee, and
the head of service assigns and reassigns it (the assignments platform keeps each change)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zastita.assignments.public import AssignableType, register_assignable
from zastita.identification.models import Identification, IdentificationStatus


def _reference(identification_id: int) -> str:
    """The identification's number with its report's (never the person)."""
    report = (
        Identification.objects.select_related("report_person__report")
        .only("report_person__report__year", "report_person__report__sequence")
        .get(pk=identification_id)
        .report_person.report
    )
    return f"{identification_id} ({report.number})"


def _may_view(user: Any, identification_id: int) -> bool:
    from zastita.core.errors import ApplicationError
    from zastita.identification.selectors import identification_get_for_actor

    try:
        identification_get_for_actor(actor=user, identification_id=identification_id)
    except ApplicationError:
        return False
    return True


SPEC = AssignableType(
    code="identification", label=_("identification"), label_plural=_("identifications"),
    model=Identification, reference=_reference,
    link=lambda pk: reverse("identification:detail", args=[pk]), can_view=_may_view,
    open_filter=Q(status=IdentificationStatus.IN_PROGRESS),
)  # fmt: skip


def register() -> None:
    register_assignable(SPEC)
