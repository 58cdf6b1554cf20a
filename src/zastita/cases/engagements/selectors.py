"""Reads for the services arranged for a case, scoped through the case."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from zastita.accounts.models import User
from zastita.cases.models import Case, Engagement
from zastita.cases.models.engagement import Decision, EngagementKind, Funding, Unit
from zastita.core.crypto import unseal
from zastita.core.labels import labels
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


@dataclass
class ServiceRow:
    """A service as the case's page shows it: its columns and their labels, no model."""

    pk: int
    kind: str
    kind_label: str
    provider_id: int | None
    provider: str
    requested_on: datetime.date
    started_on: datetime.date | None
    ended_on: datetime.date | None
    units: Decimal | None
    unit_label: str
    cost: Decimal
    funding_label: str
    funding_source: str
    decision: str
    decision_label: str
    outcome: str
    reasons: str
    # Its links: ending it, the head of service's decision, and the documents the actor
    # may write about it (forms 16, 17, 19) as (address, label).
    end_url: str = ""
    decide_url: str = ""
    papers: list[tuple[str, str]] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        """Arranged and not yet ended (nor refused), as `Engagement.is_open`."""
        return self.ended_on is None and self.decision != Decision.REFUSED


SERVICE_COLUMNS = (
    "pk", "kind", "provider_id", "provider__professional", "provider__organisation__name",
    "requested_on", "started_on", "ended_on", "units", "unit", "cost", "funding",
    "funding_source", "decision", "outcome", "decision_reasons",
)  # fmt: skip


def service_rows(case: Case) -> list[ServiceRow]:
    """The case's services for its page, oldest first, in one query of the columns it
    shows (a case gathers services over the years; no model is built for them). Sorted
    here: one case's rows are few, and sorting them costs less than the ORM's ordering."""
    kinds, units = labels(EngagementKind), labels(Unit)
    funding, decisions = labels(Funding), labels(Decision)
    rows = []
    for (pk, kind, provider_id, professional, organisation, requested_on, started_on,
         ended_on, quantity, unit, cost, paid_from, source, decision, outcome,
         reasons) in Engagement.objects.filter(case_id=case.pk).order_by().values_list(
             *SERVICE_COLUMNS):  # fmt: skip
        rows.append(ServiceRow(
            pk=pk, kind=kind, kind_label=kinds.get(kind, ""), provider_id=provider_id,
            provider=", ".join(p for p in (professional, organisation) if p),
            requested_on=requested_on, started_on=started_on, ended_on=ended_on,
            units=quantity, unit_label=units.get(unit, ""), cost=cost,
            funding_label=funding.get(paid_from, ""), funding_source=source,
            decision=decision, decision_label=decisions.get(decision, ""),
            outcome=unseal(outcome, "engagement", pk, "outcome"),
            reasons=unseal(reasons, "engagement", pk, "decision_reasons"),
        ))  # fmt: skip
    rows.sort(key=lambda row: (row.requested_on, row.pk))
    return rows
