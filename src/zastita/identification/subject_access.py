"""Identification's section of the subject-access export: the person's identifications, with
their interviews, assessments, decisions, proceedings and documents."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zastita.core.registries.subject_access import SectionData
from zastita.identification import services
from zastita.identification.models import (
    Assessment,
    Attachment,
    Decision,
    DecisionKind,
    DocumentKind,
    Identification,
    IdentificationStatus,
    Interview,
    InterviewKind,
    ProceduralRole,
    Proceeding,
    ProceedingStage,
    VictimStatus,
)


def identifications_section(person_ids: list[int], subjects: list[tuple[str, int]]) -> SectionData:
    data = SectionData(
        labels={
            "record": _("Record"),
            "opened_at": _("Opened"),
            "status": _("Status"),
            "kind": _("kind"),
            "held_at": _("held at"),
            "place": _("Place"),
            "notes": _("Notes"),
            "decision": _("Decision"),
            "approved_at": _("Approved"),
            "stage": _("stage"),
            "role": _("procedural role"),
            "document": _("kind of document"),
            "name": _("Name"),
            "uploaded_at": _("Uploaded"),
            "indicator_set": _("indicator set"),
            "updated_at": _("Saved"),
        },
        choices={
            "status": {**dict(IdentificationStatus.choices), **dict(VictimStatus.choices)},
            "kind": {**dict(InterviewKind.choices), **dict(DecisionKind.choices)},
            "stage": dict(ProceedingStage.choices),
            "role": dict(ProceduralRole.choices),
            "document": dict(DocumentKind.choices),
        },
    )
    identifications = list(
        Identification.objects.filter(person_id__in=person_ids).order_by("created_at")
    )
    for identification in identifications:
        data.rows.append(
            {
                "record": str(_("Identification")),
                "opened_at": identification.created_at.isoformat(),
                "status": identification.status,
            }
        )
        data.audit_objects.append(("identification", str(identification.pk)))
        data.subjects.append(("identification", identification.pk))
    interviews = Interview.objects.filter(identification__in=identifications).order_by("held_at")
    for interview in interviews:
        record = f"interview:{interview.pk}"
        data.rows.append(
            {
                "record": str(_("Interview")),
                "kind": interview.kind,
                "held_at": interview.held_at.isoformat(),
                "place": services.unseal(interview.place, record + ":place"),
                "notes": services.unseal(interview.notes, record + ":notes"),
            }
        )
        data.audit_objects.append(("interview", str(interview.pk)))
    assessments = Assessment.objects.filter(identification__in=identifications).order_by("pk")
    for assessment in assessments:
        data.rows.append(
            {
                "record": str(_("Indicator assessment")),
                "indicator_set": assessment.set_id,
                "updated_at": assessment.updated_at.isoformat(),
                "notes": services.assessment_notes(assessment),
            }
        )
        data.audit_objects.append(("assessment", str(assessment.pk)))
    decisions = Decision.objects.filter(identification__in=identifications).order_by("pk")
    for decision in decisions:
        data.rows.append(
            {
                "record": str(_("Decision")),
                "kind": decision.kind,
                "status": decision.status,
                "approved_at": decision.approved_at.isoformat() if decision.approved_at else None,
            }
        )
        data.audit_objects.append(("decision", str(decision.pk)))
        # What awaits approval is notified about the decision itself.
        data.subjects.append(("decision", decision.pk))
    proceedings = Proceeding.objects.filter(identification__in=identifications).order_by("pk")
    for proceeding in proceedings:
        data.rows.append(
            {"record": str(_("Proceedings")), "stage": proceeding.stage, "role": proceeding.role}
        )
        data.audit_objects.append(("proceeding", str(proceeding.pk)))
    attachments = Attachment.objects.filter(identification__in=identifications).order_by("pk")
    for attachment in attachments:
        data.rows.append(
            {
                "record": str(_("Document")),
                "document": attachment.kind,
                "name": services.attachment_texts(attachment)["name"],
                "uploaded_at": attachment.created_at.isoformat(),
            }
        )
        data.audit_objects.append(("identification_attachment", str(attachment.pk)))
    return data
