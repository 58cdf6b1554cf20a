"""What each of a case's documents says, built from the records when it is issued (the
platform adds the number, the date and the author). Dates as the Center writes them; labels
in Serbian whatever the author's language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone, translation

from zastita.cases.models import Case, Engagement, MonitoringContact, PlanSharing, Progress, Review
from zastita.core.crypto import unseal

MONITORING = "cases.monitoring"


def _day(value: Any) -> str:
    return value.strftime("%d.%m.%Y.") if value else "—"


def _with_whom(contact: MonitoringContact) -> str:
    if contact.provider is not None:
        return contact.provider.name
    if contact.organisation is not None:
        return contact.organisation.name
    return str(contact.get_with_whom_display())


def _provider_name(engagement: Engagement) -> str:
    return engagement.provider.name if engagement.provider is not None else "—"


def monitoring(case_id: int) -> dict[str, Any]:
    """Form 9: the contacts since the last monitoring form of the case (or its opening)."""
    from zastita.documents.public import last_issued_at

    case = Case.objects.select_related("person").get(pk=case_id)
    since = last_issued_at(type_code=MONITORING, subject_type="case", subject_id=case_id)
    start = timezone.localtime(since or case.opened_at).date()
    contacts = (
        MonitoringContact.objects.filter(case=case, held_on__gte=start)
        .select_related("provider", "organisation").prefetch_related("tasks__goal")
        .order_by("held_on", "pk")
    )  # fmt: skip
    with translation.override(settings.LANGUAGE_CODE):
        rows = [
            {"held_on": _day(c.held_on), "mode": str(c.get_mode_display()), "minutes": c.minutes,
             "with_whom": _with_whom(c),
             "tasks": ", ".join(f"{t.goal.position}.{t.position}" for t in c.tasks.all())
             or "—"}
            for c in contacts
        ]  # fmt: skip
    return {"case_number": case.number, "person_code": case.person.code,
            "period_from": _day(start), "period_to": _day(timezone.localdate()),
            "contacts": rows}  # fmt: skip


def review(review_id: int) -> dict[str, Any]:
    """Form 10: the review as recorded, each goal with its assessed progress."""
    from zastita.cases.models import Goal

    row = Review.objects.select_related("case__person").get(pk=review_id)
    goals = {str(g.pk): g for g in Goal.objects.filter(pk__in=[int(k) for k in row.progress])}
    labels = dict(Progress.choices)
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "case_number": row.case.number, "person_code": row.case.person.code,
            "held_on": _day(row.held_on), "outcome": str(row.get_outcome_display()),
            "assessment": unseal(row.assessment, "review", row.pk, "assessment"),
            "goals": [
                {"text": unseal(goals[key].text, "plan_goal", goals[key].pk, "text"),
                 "progress": str(labels.get(code, code))}
                for key, code in row.progress.items() if key in goals
            ],
        }  # fmt: skip


def analysis(case_id: int) -> dict[str, Any]:
    """Form 21: what the case's file holds, for the author's analysis of it."""
    case = Case.objects.select_related("person").get(pk=case_id)
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "case_number": case.number, "person_code": case.person.code,
            "status": str(case.get_status_display()), "plans_count": case.plans.count(),
            "engagements_count": case.engagements.count(),
            "contacts_count": case.monitoring.count(), "reviews_count": case.reviews.count(),
        }  # fmt: skip


def proceedings_client(case_id: int) -> dict[str, Any]:
    """Form 15: the Center's reference and the legal services engaged; no name, no status."""
    from zastita.cases.models import LEGAL

    case = Case.objects.get(pk=case_id)
    with translation.override(settings.LANGUAGE_CODE):
        services = [
            f"{e.get_kind_display()}" + (f" ({e.provider.name})" if e.provider else "")
            for e in case.engagements.filter(kind__in=LEGAL).select_related("provider")
        ]
    return {"case_number": case.number, "services": ", ".join(services)}


def _shared_goals(engagement: Engagement) -> list[str]:
    """The goals of the case's plans in force the person agreed to share with the provider."""
    if not engagement.provider_id:
        return []
    rows = PlanSharing.objects.filter(
        provider_id=engagement.provider_id, plan__case_id=engagement.case_id,
        plan__approved_at__isnull=False, plan__superseded_at__isnull=True,
    ).select_related("goal").order_by("goal__position")  # fmt: skip
    return [unseal(s.goal.text, "plan_goal", s.goal.pk, "text") for s in rows]


def provider_info(engagement_id: int) -> dict[str, Any]:
    """Forms 16, 17 and 19: to the engaged provider, about their service only."""
    from zastita.cases.models import LEGAL

    e = Engagement.objects.select_related("case", "provider").get(pk=engagement_id)
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "heading": ("ИНФОРМАЦИЈА РАДИ АНГАЖОВАЊА АДВОКАТА" if e.kind in LEGAL
                        else "ИНФОРМАЦИЈА РАДИ АНГАЖОВАЊА ПСИХОТЕРАПЕУТА"),
            "provider": _provider_name(e),
            "service": str(e.get_kind_display()), "case_number": e.case.number,
            "requested_on": _day(e.requested_on), "started_on": _day(e.started_on),
            "shared": _shared_goals(e),
        }  # fmt: skip


def sample() -> dict[str, Any]:
    """Synthetic values for every key of every template above."""
    return {
        "case_number": "С-0001/2026", "person_code": "L-ABCD-EFGH", "status": "активан",
        "period_from": "01.11.2026.", "period_to": "30.11.2026.", "held_on": "01.12.2026.",
        "contacts": [{"held_on": "15.11.2026.", "with_whom": "особа", "mode": "кућна посета",
                      "minutes": 60, "tasks": "1.1"}],
        "goals": [{"text": "Пример циља.", "progress": "напредује"}],
        "outcome": "наставак по плану", "assessment": "Пример процене.",
        "plans_count": 1, "engagements_count": 2, "contacts_count": 3, "reviews_count": 1,
        "services": "адвокат", "heading": "ИНФОРМАЦИЈА РАДИ АНГАЖОВАЊА АДВОКАТА",
        "provider": "Пример пружаоца", "service": "адвокат", "requested_on": "01.11.2026.",
        "started_on": "02.11.2026.", "shared": ["Пример циља."], "text": "Пример текста.",
    }  # fmt: skip
