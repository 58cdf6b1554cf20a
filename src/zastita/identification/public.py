"""What the apps above identification (cases) use of it: the identification, the decision
in force on a person's status, and the statuses."""

from __future__ import annotations

from zastita.identification.forms import ProceedingForm
from zastita.identification.models import (
    Consent,
    Decision,
    Identification,
    ProceduralRole,
    Proceeding,
    ProceedingFields,
    ProceedingStage,
    VictimStatus,
)
from zastita.identification.selectors import (
    StatusDecided,
    identification_get_for_actor,
    in_force,
    needs_assessment_text,
    statuses_decided,
)
from zastita.identification.services import (
    proceeding_authority,
    proceeding_errors,
    proceeding_reference,
)
from zastita.identification.slots import CaseOffer, case_offers, proceedings_kept

__all__ = [
    "CaseOffer",
    "Consent",
    "Decision",
    "Identification",
    "ProceduralRole",
    "Proceeding",
    "ProceedingFields",
    "ProceedingForm",
    "ProceedingStage",
    "StatusDecided",
    "VictimStatus",
    "case_offers",
    "identification_get_for_actor",
    "in_force",
    "needs_assessment_text",
    "proceeding_authority",
    "proceeding_errors",
    "proceeding_reference",
    "proceedings_kept",
    "statuses_decided",
]
