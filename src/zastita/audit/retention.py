"""The audit log's retention rule (registered in `apps.py`). The period is a default: the
data-protection officer sets the one in force on the retention periods page. The events are
closed, never anonymised or deleted one by one: that would break the hash chain."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zastita.core.registries.retention import STORAGE_LIMITATION, AtTheEnd, RetentionRule

RULES = (
    RetentionRule(
        code="audit.events",
        label=_("The audit log"),
        models=("audit.AuditEvent",),
        years=10,
        starts=_("from the event"),
        at_end=AtTheEnd.CLOSE,
        basis=STORAGE_LIMITATION,
    ),
)
