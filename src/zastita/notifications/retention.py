"""The notifications' retention rule (registered in `apps.py`). The period is a default: the
data-protection officer sets the one in force on the retention periods page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zastita.core.registries.retention import STORAGE_LIMITATION, AtTheEnd, RetentionRule

RULES = (
    RetentionRule(
        code="notifications.notifications",
        label=_("Notifications to the Center's staff"),
        models=("notifications.Notification",),
        years=1,
        starts=_("from the delivery of the message"),
        at_end=AtTheEnd.DELETE_TECHNICAL,
        basis=STORAGE_LIMITATION,
    ),
)
