"""The "My work" page: the open identifications the worker is assigned to or shares, soonest
deadline first; for heads of service, the decisions awaiting their approval (not those on
whose panel they sat, or that they proposed: four eyes)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zastita.core.registries.my_work import (
    WorkRow,
    WorkSection,
    assigned_or_shared,
    by_deadline,
    register,
)

CAP = 1000
SUBJECT = "identification"


def my_identifications(actor: Any, limit: int) -> list[WorkRow]:
    from zastita.deadlines.public import next_due
    from zastita.identification.models import Identification, IdentificationStatus

    if not actor.has_perm("identification.view"):
        return []
    found = list(
        Identification.objects.filter(
            assigned_or_shared(actor), status=IdentificationStatus.IN_PROGRESS
        )
        .select_related("report_person__report")
        .only("pk", "status", "report_person__report__year", "report_person__report__sequence")
        .distinct()
        .order_by("-pk")[:CAP]
    )
    due = next_due(subject_type=SUBJECT, subject_ids=[i.pk for i in found])
    rows = []
    for item in found:
        due_at, due_kind = due.get(item.pk, (None, ""))
        rows.append(WorkRow(
            label=gettext("Identification %(number)s (report %(report)s)") % {
                "number": item.pk, "report": item.report_person.report.number,
            },
            url=reverse("identification:detail", args=[item.pk]),
            status=item.get_status_display(),
            due_at=due_at, due_kind=due_kind,
        ))  # fmt: skip
    return by_deadline(rows)[: limit + 1]


def awaiting_approval(actor: Any, limit: int) -> list[WorkRow]:
    from zastita.identification.models import Decision

    if not actor.has_perm("identification.approve"):
        return []
    pending = (
        Decision.objects.filter(approved_at__isnull=True)
        .exclude(proposed_by=actor)
        .select_related("identification__report_person__report")
        .order_by("created_at", "pk")
    )
    rows = []
    # The panel is a list in the row: the few decisions pending are read and sifted here.
    for decision in pending[: (limit + 1) * 4]:
        if any(m.get("user") == actor.pk for m in decision.panel):
            continue
        report = decision.identification.report_person.report
        rows.append(WorkRow(
            label=gettext("Identification %(number)s (report %(report)s)") % {
                "number": decision.identification_id, "report": report.number,
            },
            url=reverse("identification:detail", args=[decision.identification_id]),
            status=decision.get_kind_display(),
            detail=gettext("proposed on %(date)s") % {
                "date": formats.date_format(decision.created_at, "SHORT_DATE_FORMAT"),
            },
        ))  # fmt: skip
    return rows[: limit + 1]


# Named functions, not lambdas: a second ready() (tests) registers an equal section.
def _list(actor: Any) -> str:
    return reverse("identification:list")


def _awaiting_list(actor: Any) -> str:
    return reverse("identification:list") + "?awaiting_approval=on"


def register_sections() -> None:
    register(WorkSection(
        code="identification.mine", title=_("My identifications"), order=20,
        collect=my_identifications,
        empty=_("No identification under way is assigned to you or shared with you."),
        more_url=_list,
    ))  # fmt: skip
    register(WorkSection(
        code="identification.approval", title=_("Decisions awaiting your approval"), order=40,
        collect=awaiting_approval,
        more_url=_awaiting_list,
    ))  # fmt: skip
