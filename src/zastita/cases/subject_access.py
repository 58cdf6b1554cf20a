"""The cases' section of the subject-access export: the person's cases with their steps,
and the reasons written about them (decrypted for the person: they are about them)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zastita.cases.models import Case, CaseStatus
from zastita.core.crypto import unseal
from zastita.core.registries.subject_access import SectionData


def cases_section(person_ids: list[int], subjects: list[tuple[str, int]]) -> SectionData:
    data = SectionData(
        labels={
            "number": _("Case number"), "opened_at": _("Opened"), "status": _("Status"),
            "closed_at": _("Closed"), "opening_reason": _("Why it was opened before the decision"),
            "steps": _("Steps"),
        },
        choices={"status": dict(CaseStatus.choices)},
    )  # fmt: skip
    for case in Case.objects.filter(person_id__in=person_ids).order_by("opened_at", "pk"):
        steps = [
            {"from": t.from_status, "to": t.to_status, "at": t.at.isoformat(),
             "reason": unseal(t.reason, "case_transition", t.pk, "reason")}
            for t in case.transitions.all()
        ]  # fmt: skip
        data.rows.append({
            "number": case.number, "opened_at": case.opened_at.isoformat(),
            "status": case.status,
            "closed_at": case.closed_at.isoformat() if case.closed_at else None,
            "opening_reason": unseal(case.opening_reason, "case", case.pk, "opening_reason"),
            "steps": steps,
        })  # fmt: skip
        data.audit_objects.append(("case", str(case.pk)))
        data.subjects.append(("case", case.pk))
    return data
