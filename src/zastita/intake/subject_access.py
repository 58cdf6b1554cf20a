"""Intake's section of the subject-access export: the reports that concern the person, with
the report's own facts and what it says of this person only (never of anyone else on it)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zastita.core.registries.subject_access import SectionData
from zastita.intake import services
from zastita.intake.models import ReportOutcome, ReportPerson, SetAside, Status


def reports_section(person_ids: list[int], subjects: list[tuple[str, int]]) -> SectionData:
    data = SectionData(
        labels={
            "number": _("Report number"),
            "received_at": _("received"),
            "status": _("Status"),
            "outcome": _("outcome"),
            "description": _("What the report says of the person"),
            "set_aside": _("Set aside"),
            "set_aside_at": _("Set aside on"),
        },
        choices={
            "status": dict(Status.choices),
            "outcome": dict(ReportOutcome.choices),
            "set_aside": dict(SetAside.choices),
        },
    )
    mine = ReportPerson.objects.filter(person_id__in=person_ids).select_related("report")
    for entry in mine.order_by("report__received_at", "pk"):
        report = entry.report
        data.rows.append(
            {
                "number": report.number,
                "received_at": report.received_at.isoformat(),
                "status": report.status,
                "outcome": report.outcome,
                "description": services.person_description(entry),
                "set_aside": entry.set_aside,
                "set_aside_at": entry.set_aside_at.isoformat() if entry.set_aside_at else None,
            }
        )
        data.audit_objects += [("report", str(report.pk)), ("report_person", str(entry.pk))]
        data.subjects.append(("report", report.pk))
    return data
