"""The assignments' section of the subject-access export: who worked on the records the
domain sections name as the person's, and from when (staff of the Center, by role)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zastita.assignments.models import AssignmentChange
from zastita.core.registries.assignments import assignable_types
from zastita.core.registries.subject_access import SectionData


def assignments_section(person_ids: list[int], subjects: list[tuple[str, int]]) -> SectionData:
    data = SectionData(labels={
        "record": _("Record"), "from": _("From"), "assignee": _("Assigned worker"),
        "team": _("Team"), "coworkers": _("Co-workers (number)"),
    })  # fmt: skip
    about = Q(pk__in=[])
    for subject_type, subject_id in subjects:
        if subject_type in assignable_types:
            about |= Q(subject_type=subject_type, subject_id=subject_id)
    rows = AssignmentChange.objects.filter(about).select_related("assignee", "team")
    for change in rows.order_by("created_at", "pk"):
        spec = assignable_types.get(change.subject_type)
        data.rows.append({
            "record": f"{spec.label} {spec.reference(change.subject_id)}",
            "from": change.created_at.isoformat(),
            "assignee": change.assignee.full_name if change.assignee else "",
            "team": change.team.name if change.team else "",
            "coworkers": len(change.coworker_ids),
        })  # fmt: skip
    return data


def glass_section(person_ids: list[int], subjects: list[tuple[str, int]]) -> SectionData:
    """Who opened the person's records outside their work, when and with which reason (the
    explanation in the worker's words too: it is about the person's file)."""
    from zastita.assignments.glass import SUBJECT
    from zastita.assignments.models import GlassAccess
    from zastita.core.crypto import unseal
    from zastita.core.registries.scopes import scoped_types

    data = SectionData(labels={
        "record": _("Record"), "when": _("When"), "who": _("Who"), "reason": _("Reason"),
        "explanation": _("Explanation"),
    })  # fmt: skip
    about = Q(subject_type="person", subject_id__in=person_ids)
    for subject_type, subject_id in subjects:
        if subject_type in scoped_types:
            about |= Q(subject_type=subject_type, subject_id=subject_id)
    rows = GlassAccess.objects.filter(about).select_related("actor")
    for row in rows.order_by("created_at", "pk"):
        spec = scoped_types.find(row.subject_type)
        label = f"{spec.label} {spec.reference(row.subject_id)}" if spec else row.subject_type
        data.rows.append({
            "record": label, "when": row.created_at.isoformat(), "who": row.actor.full_name,
            "reason": str(row.get_reason_display()),
            "explanation": unseal(row.explanation, SUBJECT, row.pk, "explanation"),
        })  # fmt: skip
    return data
