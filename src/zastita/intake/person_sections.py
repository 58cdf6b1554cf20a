"""Intake's section of the person's page (`core.registries.person_sections`): the reports
that concern the person, each with its status and its official documents. A report the
viewer may not see is left out, as if it did not exist."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from zastita.core.errors import NotFound
from zastita.core.registries.person_sections import ItemLink, PersonItem
from zastita.documents.public import documents_for_subject
from zastita.intake import selectors
from zastita.intake.models import ReportOutcome, ReportPerson


def document_links(actor: Any, subject_type: str, subject_id: int) -> tuple[ItemLink, ...]:
    """The official documents about a record, each with its state in words."""
    return tuple(
        ItemLink(
            label=f"{d.registry_number} · {d.type_label}",  # type: ignore[attr-defined]
            url=reverse("documents:detail", args=[d.pk]),
            status=_("cancelled") if d.cancelled_by_id else _("issued"),
        )
        for d in documents_for_subject(
            actor=actor, subject_type=subject_type, subject_id=subject_id
        )
    )


def reports_of_person(actor: Any, person_ids: list[int]) -> list[PersonItem]:
    if not actor.has_perm("intake.view"):
        return []
    entries = (
        ReportPerson.objects.filter(person_id__in=person_ids)
        .order_by("-report__received_at", "-pk")
        .values_list("pk", "report_id")
    )
    items: list[PersonItem] = []
    seen: set[int] = set()
    for entry_id, report_id in entries:
        if report_id in seen:
            continue
        seen.add(report_id)
        try:
            report = selectors.report_get_for_actor(actor=actor, report_id=report_id)
        except NotFound:
            continue  # outside the viewer's scope: not shown, not even counted
        detail = ""
        if report.outcome and report.outcome != ReportOutcome.PENDING:
            detail = _("Outcome: %(outcome)s") % {"outcome": report.get_outcome_display()}
        items.append(
            PersonItem(
                label=_("Report %(number)s") % {"number": report.number},
                url=reverse("intake:report_detail", args=[report.pk]),
                status=report.get_status_display(),
                detail=detail,
                links=document_links(actor, "report", report.pk),
                audit=(("report", report.pk), ("report_person", entry_id)),
            )
        )
    return items
