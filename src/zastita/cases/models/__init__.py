"""The models of protection: the case and its steps, the protection plans with their goals
and tasks, and (in later modules) the services arranged, monitoring and reviews."""

from zastita.cases.models.case import (
    HTCDS_STATUS,
    OPEN_STATUSES,
    Case,
    CaseStatus,
    CaseTransition,
)
from zastita.cases.models.plan import (
    Goal,
    Participation,
    Plan,
    PlanKind,
    PlanSharing,
    Responsible,
    Task,
    TaskStatus,
)

__all__ = [
    "HTCDS_STATUS",
    "OPEN_STATUSES",
    "Case",
    "CaseStatus",
    "CaseTransition",
    "Goal",
    "Participation",
    "Plan",
    "PlanKind",
    "PlanSharing",
    "Responsible",
    "Task",
    "TaskStatus",
]
