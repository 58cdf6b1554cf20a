"""What the apps above identification (cases) use of it: the identification, the decision
in force on a person's status, and the statuses."""

from __future__ import annotations

from zastita.identification.models import Decision, Identification, VictimStatus
from zastita.identification.selectors import (
    StatusDecided,
    identification_get_for_actor,
    in_force,
    needs_assessment_text,
    statuses_decided,
)
from zastita.identification.slots import CaseOffer, case_offers

__all__ = [
    "CaseOffer",
    "Decision",
    "Identification",
    "StatusDecided",
    "VictimStatus",
    "case_offers",
    "identification_get_for_actor",
    "in_force",
    "needs_assessment_text",
    "statuses_decided",
]
