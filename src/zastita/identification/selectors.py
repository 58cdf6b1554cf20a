"""Reads for formal identification, scoped to the actor."""

from __future__ import annotations

from zastita.accounts.models import User
from zastita.core.errors import PermissionDenied
from zastita.core.selectors import get_for_actor
from zastita.identification.models import Decision, Identification


def identification_get_for_actor(*, actor: User, identification_id: int) -> Identification:
    return get_for_actor(
        Identification.objects.select_related("report_person__report", "person"),
        identification_id, actor=actor, perm="identification.view",
        object_type="identification",
    )  # fmt: skip


def decision_get_for_actor(*, actor: User, decision_id: int) -> Decision:
    return get_for_actor(
        Decision.objects.select_related("identification"), decision_id, actor=actor,
        perm="identification.approve", object_type="decision",
    )  # fmt: skip


def identification_list(
    *, actor: User, state: str = "open", awaiting_approval: bool = False, limit: int = 200
) -> list[Identification]:
    """The worklist: codes, report numbers, statuses; nothing decrypted. Each row carries
    `pending` (a proposed decision not yet approved) and `in_force` (the status in force)."""
    from django.db.models import Count, Exists, OuterRef, Q

    from zastita.identification.models import IdentificationStatus

    if not actor.has_perm("identification.view"):
        raise PermissionDenied(object_type="identification_list")
    pending = Decision.objects.filter(identification=OuterRef("pk"), approved_at__isnull=True)
    qs = (
        Identification.objects.select_related("person", "report_person__report")
        .annotate(
            pending=Exists(pending),
            forms_approved=Count(
                "written_forms", filter=Q(written_forms__approved_at__isnull=False)
            ),
        )
        .order_by("-created_at", "-pk")
    )
    if awaiting_approval:
        # Whatever the state: a review or an appeal awaits on a decided identification.
        qs = qs.filter(pending=True)
    elif state == "open":
        qs = qs.filter(status=IdentificationStatus.IN_PROGRESS)
    elif state == "decided":
        qs = qs.filter(status=IdentificationStatus.DECIDED)
    rows: list[Identification] = list(qs[:limit])
    approved = Decision.objects.filter(identification__in=rows, approved_at__isnull=False).exclude(
        superseded_by__approved_at__isnull=False
    )
    in_force = {d.identification_id: d for d in approved.order_by("pk")}
    for row in rows:
        row.in_force = in_force.get(row.pk)  # type: ignore[attr-defined]
    return rows
