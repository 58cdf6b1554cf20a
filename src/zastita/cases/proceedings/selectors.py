"""Reads for the case's proceedings, through the case's scope."""

from __future__ import annotations

from dataclasses import dataclass, field

from zastita.accounts.models import User
from zastita.cases.models import Case, CaseProceeding, ProceedingChange
from zastita.cases.proceedings.services import texts
from zastita.core.crypto import unseal
from zastita.core.selectors import get_for_actor


@dataclass
class StateRow:
    change: ProceedingChange
    authority: str
    reference: str
    note: str


@dataclass
class ProceedingRow:
    proceeding: CaseProceeding
    authority: str
    reference: str
    history: list[StateRow] = field(default_factory=list)


def proceeding_get_for_actor(*, actor: User, proceeding_id: int) -> CaseProceeding:
    return get_for_actor(
        CaseProceeding.objects.select_related("case"), proceeding_id,
        actor=actor, perm="cases.view", object_type="case_proceeding",
    )  # fmt: skip


def case_proceedings(case: Case, *, history: bool = False) -> list[ProceedingRow]:
    """The case's proceedings as they stand, oldest first, and with `history` each one's
    states, oldest first."""
    rows = []
    qs = CaseProceeding.objects.filter(case_id=case.pk).order_by("pk")
    if history:
        qs = qs.prefetch_related("history__actor")
    for p in qs:
        rows.append(ProceedingRow(p, *texts(p)))
        if history:
            rows[-1].history = [
                StateRow(c, *texts(c), unseal(c.note, "proceeding_change", c.pk, "note"))
                for c in p.history.all()
            ]  # fmt: skip
    return rows
