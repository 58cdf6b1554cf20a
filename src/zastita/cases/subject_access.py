"""The cases' section of the subject-access export: the person's cases with their steps,
and the reasons written about them (decrypted for the person: they are about them)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zastita.cases.models import Case, CaseStatus, Participation, Plan, PlanKind
from zastita.core.crypto import unseal
from zastita.core.registries.subject_access import SectionData


def cases_section(person_ids: list[int], subjects: list[tuple[str, int]]) -> SectionData:
    data = SectionData(
        labels={
            "number": _("Case number"), "opened_at": _("Opened"), "status": _("Status"),
            "closed_at": _("Closed"), "opening_reason": _("Why it was opened before the decision"),
            "steps": _("Steps"), "closures": _("Reasons for closing"),
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
            "closures": [str(c.get_reason_display()) for c in case.closures.order_by("pk")],
        })  # fmt: skip
        data.audit_objects.append(("case", str(case.pk)))
        data.subjects.append(("case", case.pk))
        # The closure forms (form 12), written and issued.
        data.subjects += [("closure", pk) for pk in case.closures.values_list("pk", flat=True)]
    return data


def plans_section(person_ids: list[int], subjects: list[tuple[str, int]]) -> SectionData:
    """The protection plans of the person's cases: each revision's goals (in their words),
    tasks with who was responsible, by when and how they ended, and with whom the person
    agreed to share what. The plans' written forms and documents follow from the subjects."""
    from zastita.cases.plans.selectors import plan_goals

    data = SectionData(
        labels={
            "case": _("Case number"), "plan": _("Plan"), "revision": _("Revision"),
            "plan_date": _("Date of the plan"), "participation": _("The person's participation"),
            "consented_on": _("The person agreed to the plan on"), "goals": _("Goals and tasks"),
        },
        choices={"plan": dict(PlanKind.choices), "participation": dict(Participation.choices)},
    )  # fmt: skip
    plans = Plan.objects.filter(case__person_id__in=person_ids).select_related("case")
    for plan in plans.order_by("case__opened_at", "kind", "revision"):
        goals = [
            {"goal": row.text,
             "shared_with": [s.provider.name for s in row.shared_with],
             "tasks": [{"task": t.text, "responsible": t.task.responsible,
                        "due_on": t.task.due_on.isoformat(), "status": t.task.status,
                        "ended": t.end_reason} for t in row.tasks]}
            for row in plan_goals(plan)
        ]  # fmt: skip
        data.rows.append({
            "case": plan.case.number, "plan": plan.kind, "revision": plan.revision,
            "plan_date": plan.plan_date.isoformat(), "participation": plan.participation,
            "consented_on": plan.consented_on.isoformat() if plan.consented_on else None,
            "goals": goals,
        })  # fmt: skip
        data.audit_objects.append(("plan", str(plan.pk)))
        data.subjects.append(("plan", plan.pk))
    return data


def engagements_section(person_ids: list[int], subjects: list[tuple[str, int]]) -> SectionData:
    """The services arranged for the person: what, from whom, when, at what cost and who
    paid, the decision on it and how it went."""
    from zastita.cases.engagements.selectors import case_engagements
    from zastita.cases.models import Decision, EngagementKind, Funding

    data = SectionData(
        labels={
            "case": _("Case number"), "service": _("Service"), "provider": _("Provider"),
            "requested_on": _("Requested on"), "started_on": _("Started on"),
            "ended_on": _("Ended on"), "cost": _("Cost (RSD)"), "funding": _("Paid from"),
            "decision": _("Decision"), "reasons": _("Reasons"), "outcome": _("How it went"),
        },
        choices={"service": dict(EngagementKind.choices), "funding": dict(Funding.choices),
                 "decision": dict(Decision.choices)},
    )  # fmt: skip
    for case in Case.objects.filter(person_id__in=person_ids).order_by("opened_at", "pk"):
        for row in case_engagements(case):
            e = row.engagement
            data.rows.append({
                "case": case.number, "service": e.kind,
                "provider": e.provider.name if e.provider else None,
                "requested_on": e.requested_on.isoformat(),
                "started_on": e.started_on.isoformat() if e.started_on else None,
                "ended_on": e.ended_on.isoformat() if e.ended_on else None,
                "cost": str(e.cost), "funding": e.funding, "decision": e.decision,
                "reasons": row.reasons, "outcome": row.outcome,
            })  # fmt: skip
            data.audit_objects.append(("engagement", str(e.pk)))
            data.subjects.append(("engagement", e.pk))  # forms 16, 17 and 19 about it
    return data


def monitoring_section(person_ids: list[int], subjects: list[tuple[str, int]]) -> SectionData:
    """The monitoring contacts of the person's cases, with their notes."""
    from zastita.cases.models import ContactMode, ContactWith
    from zastita.cases.monitoring.selectors import case_contacts

    data = SectionData(
        labels={"case": _("Case number"), "date": _("Date"), "with": _("With"),
                "how": _("How"), "minutes": _("Duration (minutes)"), "notes": _("Notes"),
                "tasks": _("Tasks of the plan followed up")},
        choices={"with": dict(ContactWith.choices), "how": dict(ContactMode.choices)},
    )  # fmt: skip
    for case in Case.objects.filter(person_id__in=person_ids).order_by("opened_at", "pk"):
        for row in case_contacts(case):
            c = row.contact
            data.rows.append({
                "case": case.number, "date": c.held_on.isoformat(), "with": c.with_whom,
                "how": c.mode, "minutes": c.minutes, "notes": row.notes, "tasks": row.tasks,
            })  # fmt: skip
            data.audit_objects.append(("monitoring_contact", str(c.pk)))
    return data


def reviews_section(person_ids: list[int], subjects: list[tuple[str, int]]) -> SectionData:
    """The reviews of the person's cases: the progress on each goal, what followed, and the
    assessment."""
    from zastita.cases.models import ReviewOutcome
    from zastita.cases.reviews.selectors import case_reviews

    data = SectionData(
        labels={"case": _("Case number"), "date": _("Date of the review"),
                "outcome": _("What follows"), "progress": _("Progress on the goals"),
                "assessment": _("Assessment, with the person's view")},
        choices={"outcome": dict(ReviewOutcome.choices)},
    )  # fmt: skip
    for case in Case.objects.filter(person_id__in=person_ids).order_by("opened_at", "pk"):
        for row in case_reviews(case):
            data.rows.append({
                "case": case.number, "date": row.review.held_on.isoformat(),
                "outcome": row.review.outcome, "progress": [label for _g, label in row.progress],
                "assessment": row.assessment,
            })  # fmt: skip
            data.audit_objects.append(("review", str(row.review.pk)))
            data.subjects.append(("review", row.review.pk))  # its form 10
    return data


def proceedings_section(person_ids: list[int], subjects: list[tuple[str, int]]) -> SectionData:
    """The proceedings on the person's cases, each with every state it went through."""
    from zastita.cases.proceedings.selectors import case_proceedings
    from zastita.identification.public import Consent, ProceduralRole, ProceedingStage

    data = SectionData(
        labels={"case": _("Case number"), "stage": _("Stage"), "authority": _("Authority"),
                "reference": _("Case number at the authority"), "role": _("Procedural role"),
                "consent": _("Consent to cooperate"), "history": _("History")},
        choices={"stage": dict(ProceedingStage.choices), "role": dict(ProceduralRole.choices),
                 "consent": dict(Consent.choices)},
    )  # fmt: skip
    for case in Case.objects.filter(person_id__in=person_ids).order_by("opened_at", "pk"):
        for row in case_proceedings(case, history=True):
            p = row.proceeding
            data.rows.append({
                "case": case.number, "stage": p.stage, "authority": row.authority,
                "reference": row.reference, "role": p.role, "consent": p.consent,
                "history": [
                    {"at": s.change.at.isoformat(), "stage": s.change.stage,
                     "authority": s.authority, "reference": s.reference,
                     "role": s.change.role, "consent": s.change.consent, "note": s.note}
                    for s in row.history
                ],
            })  # fmt: skip
            data.audit_objects.append(("case_proceeding", str(p.pk)))
    return data
