"""The cases' retention rule (registered in `apps.py`). The period is a default: the
data-protection officer sets the one in force on the retention periods page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zastita.core.registries.retention import STORAGE_LIMITATION, AtTheEnd, RetentionRule

RULES = (
    RetentionRule(
        code="cases.cases",
        label=_("Cases"),
        models=(
            "cases.Case",
            "cases.CaseTransition",
            "cases.Plan",
            "cases.Goal",
            "cases.Task",
            "cases.PlanSharing",
            "cases.Engagement",
            "cases.MonitoringContact",
            "cases.Review",
            "cases.Closure",
            "cases.CaseProceeding",
            "cases.ProceedingChange",
            "cases.CaseCost",
        ),
        years=10,
        starts=_("from the closure of the case"),
        at_end=AtTheEnd.ANONYMISE,
        basis=STORAGE_LIMITATION,
    ),
)
