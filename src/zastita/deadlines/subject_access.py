"""The deadlines' section of the subject-access export: every deadline on the records the
domain sections name as the person's (its kind, state, start, due time, stop, breach,
escalation and the time it was paused). A pause's reason is left out: it is written about
the record, which may concern other people too."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zastita.core.registries.subject_access import SectionData
from zastita.deadlines.models import Deadline, DeadlineState
from zastita.deadlines.selectors import kind_label


def _iso(value: object) -> str | None:
    return value.isoformat() if value is not None else None  # type: ignore[attr-defined]


def deadlines_section(person_ids: list[int], subjects: list[tuple[str, int]]) -> SectionData:
    data = SectionData(
        labels={
            "kind": _("Deadline"),
            "state": _("State"),
            "started_at": _("Started"),
            "due_at": _("Due"),
            "stopped_at": _("Stopped"),
            "breached_at": _("Missed"),
            "escalated_at": _("Escalated"),
            "paused_minutes": _("Paused (minutes)"),
        },
        choices={"state": dict(DeadlineState.choices)},
    )
    if not subjects:
        return data
    about = Q(pk__in=[])
    for subject_type, subject_id in subjects:
        about |= Q(subject_type=subject_type, subject_id=subject_id)
    for deadline in Deadline.objects.filter(about).order_by("started_at", "pk"):
        data.rows.append({
            "kind": kind_label(deadline.kind), "state": deadline.state,
            "started_at": _iso(deadline.started_at), "due_at": _iso(deadline.due_at),
            "stopped_at": _iso(deadline.stopped_at), "breached_at": _iso(deadline.breached_at),
            "escalated_at": _iso(deadline.escalated_at),
            "paused_minutes": int(deadline.paused_total.total_seconds() // 60),
        })  # fmt: skip
    return data
