"""The models of protection: the case and its steps, the protection plans with their goals
and tasks, and (in later modules) the services arranged, monitoring and reviews."""

from zastita.cases.models.aid import AID_KINDS, StockReceipt
from zastita.cases.models.case import (
    HTCDS_STATUS,
    OPEN_STATUSES,
    Case,
    CaseStatus,
    CaseTransition,
)
from zastita.cases.models.closure import Closure, ClosureReason
from zastita.cases.models.costs import CaseCost, CostCell
from zastita.cases.models.engagement import (
    LEGAL,
    PSYCHOLOGICAL,
    Decision,
    Engagement,
    EngagementKind,
    Funding,
    Unit,
)
from zastita.cases.models.monitoring import ContactMode, ContactWith, MonitoringContact
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
from zastita.cases.models.proceeding import CaseProceeding, ProceedingChange
from zastita.cases.models.review import Progress, Review, ReviewOutcome

__all__ = [
    "AID_KINDS",
    "HTCDS_STATUS",
    "LEGAL",
    "OPEN_STATUSES",
    "PSYCHOLOGICAL",
    "Case",
    "CaseCost",
    "CaseProceeding",
    "CaseStatus",
    "CaseTransition",
    "Closure",
    "ClosureReason",
    "ContactMode",
    "ContactWith",
    "CostCell",
    "Decision",
    "Engagement",
    "EngagementKind",
    "Funding",
    "Goal",
    "MonitoringContact",
    "Participation",
    "Plan",
    "PlanKind",
    "PlanSharing",
    "ProceedingChange",
    "Progress",
    "Responsible",
    "Review",
    "ReviewOutcome",
    "StockReceipt",
    "Task",
    "TaskStatus",
    "Unit",
]
