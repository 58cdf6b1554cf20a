"""Reads for the services arranged for a case, scoped through the case."""

from __future__ import annotations

from dataclasses import dataclass, field

from zastita.accounts.models import User
from zastita.cases.models import Case, Engagement
from zastita.core.crypto import unseal
from zastita.core.selectors import get_for_actor


def engagement_get_for_actor(*, actor: User, engagement_id: int) -> Engagement:
    return get_for_actor(
        Engagement.objects.select_related("case", "provider__organisation"), engagement_id,
        actor=actor, perm="cases.view", object_type="engagement",
    )  # fmt: skip


@dataclass
class EngagementRow:
    engagement: Engagement
    outcome: str
    reasons: str
    # The documents the actor may write about it (forms 16, 17, 19): (type code, label).
    papers: list[tuple[str, str]] = field(default_factory=list)


def case_engagements(case: Case) -> list[EngagementRow]:
    rows = Engagement.objects.filter(case=case).select_related(
        "provider__organisation", "decided_by"
    )
    return [
        EngagementRow(e, unseal(e.outcome, "engagement", e.pk, "outcome"),
                      unseal(e.decision_reasons, "engagement", e.pk, "decision_reasons"))
        for e in rows.order_by("requested_on", "pk")
    ]  # fmt: skip
