"""The "My work" page: the open reports the worker is assigned to or shares, by deadline."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zastita.core.registries.my_work import (
    WorkRow,
    WorkSection,
    assigned_or_shared,
    by_deadline,
    register,
)

# A worker carries tens of open reports; this bounds the read should someone carry more.
CAP = 1000


def my_reports(actor: Any, limit: int) -> list[WorkRow]:
    from zastita.deadlines.public import next_due
    from zastita.intake.assignments import OPEN
    from zastita.intake.clocks import SUBJECT
    from zastita.intake.models import Report

    if not actor.has_perm("intake.view"):
        return []
    reports = list(
        Report.objects.filter(assigned_or_shared(actor), status__in=OPEN)
        .only("pk", "year", "sequence", "status")
        .distinct()
        .order_by("-pk")[:CAP]
    )
    due = next_due(subject_type=SUBJECT, subject_ids=[r.pk for r in reports])
    rows = []
    for report in reports:
        due_at, due_kind = due.get(report.pk, (None, ""))
        rows.append(WorkRow(
            label=gettext("Report %(number)s") % {"number": report.number},
            url=reverse("intake:report_detail", args=[report.pk]),
            status=report.get_status_display(),
            due_at=due_at, due_kind=due_kind,
        ))  # fmt: skip
    return by_deadline(rows)[: limit + 1]


# Named functions, not lambdas: a second ready() (tests) registers an equal section.
def _list(actor: Any) -> str:
    return reverse("intake:report_list") + "?mine=on"


def register_section() -> None:
    register(WorkSection(
        code="intake.reports", title=_("My reports"), order=10, collect=my_reports,
        empty=_("No open report is assigned to you or shared with you."),
        more_url=_list,
    ))  # fmt: skip
