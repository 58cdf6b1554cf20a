"""Home items for those who receive reports: new reports, overdue clocks, unread notices."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zastita.core.home import HomeItem


def intake_items(user: object) -> list[HomeItem]:
    if not getattr(user, "has_perm", lambda p: False)("intake.see_duty"):
        return []
    from zastita.deadlines.public import overdue_count
    from zastita.intake.clocks import KINDS, SUBJECT
    from zastita.intake.models import Report, Status

    items = []
    waiting = Report.objects.filter(status=Status.RECEIVED).count()
    if waiting:
        url = reverse("intake:report_list") + "?status=received"
        items.append(HomeItem(_("Reports received, not yet registered"), url, waiting, True))
    overdue = overdue_count(subject_type=SUBJECT, now=timezone.now(), kinds=KINDS.values())
    if overdue:
        items.append(HomeItem(_("Response times missed"), reverse("intake:duty"), overdue, True))
    return items
