"""The assignments' retention rule (registered in `apps.py`): the history of who worked on a
record goes with the record. The period is a default the data-protection officer changes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zastita.core.registries.retention import STORAGE_LIMITATION, AtTheEnd, RetentionRule

RULES = (
    RetentionRule(
        code="assignments.history",
        label=_("Changes of assignment"),
        models=("assignments.AssignmentChange",),
        years=10,
        starts=_("from the closure of the record"),
        at_end=AtTheEnd.ANONYMISE,
        basis=STORAGE_LIMITATION,
    ),
    RetentionRule(
        code="assignments.glass",
        label=_("Records opened with a stated reason"),
        models=("assignments.GlassAccess",),
        years=10,
        starts=_("from the closure of the record"),
        at_end=AtTheEnd.ANONYMISE,
        basis=STORAGE_LIMITATION,
    ),
)
