"""The official documents' retention rule (registered in `apps.py`). The period is a default:
the data-protection officer sets the one in force on the retention periods page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zastita.core.registries.retention import STORAGE_LIMITATION, AtTheEnd, RetentionRule

RULES = (
    RetentionRule(
        code="documents.documents",
        label=_("Official documents"),
        models=("documents.Document", "documents.EditableCopy", "documents.IncomingDocument"),
        years=10,
        starts=_("from the issue of the document"),
        at_end=AtTheEnd.CLOSE,
        basis=STORAGE_LIMITATION,
    ),
)
