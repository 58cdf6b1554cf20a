"""The drafts' retention rule (registered in `apps.py`). The period is a default and an upper
bound: the drafts job already removes a draft once it expires (`ZASTITA_DRAFT_DAYS`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zastita.core.registries.retention import STORAGE_LIMITATION, AtTheEnd, RetentionRule

RULES = (
    RetentionRule(
        code="drafts.drafts",
        label=_("Unsubmitted drafts"),
        models=("drafts.FormDraft",),
        years=1,
        starts=_("from the last save of the draft"),
        at_end=AtTheEnd.DELETE_TECHNICAL,
        basis=STORAGE_LIMITATION,
    ),
)
