"""The deadlines' retention rule (registered in `apps.py`). The period is a default: the
data-protection officer sets the one in force on the retention periods page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zastita.core.registries.retention import STORAGE_LIMITATION, AtTheEnd, RetentionRule

RULES = (
    RetentionRule(
        code="deadlines.deadlines",
        label=_("Deadlines and their pauses"),
        models=("deadlines.Deadline", "deadlines.DeadlinePause"),
        years=5,
        starts=_("from the stop of the deadline"),
        at_end=AtTheEnd.ANONYMISE,
        basis=STORAGE_LIMITATION,
    ),
)
