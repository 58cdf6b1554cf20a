"""Home items for those who receive reports: new reports, overdue clocks, unread notices."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zastita.core.home import HomeItem


def intake_items(user: object) -> list[HomeItem]:
    if not getattr(user, "has_perm", lambda p: False)("intake.see_duty"):
        return []
    from zastita.deadlines.public import overdue_count, overdue_subject_ids
    from zastita.intake.clocks import KINDS, SUBJECT
    from zastita.intake.models import Report, Status
    from zastita.intake.rules import report_scope

    # Counted within the user's scope: the list the item leads to shows the same reports.
    scope = report_scope(user)
    items = []
    waiting = Report.objects.filter(scope, status=Status.RECEIVED).count()
    if waiting:
        url = reverse("intake:report_list") + "?status=received"
        items.append(HomeItem(_("Reports received, not yet registered"), url, waiting, True))
    now = timezone.now()
    overdue = overdue_count(subject_type=SUBJECT, now=now, kinds=KINDS.values())
    if overdue and scope != Q():
        overdue_ids = overdue_subject_ids(subject_type=SUBJECT, now=now, kinds=KINDS.values())
        overdue = Report.objects.filter(scope, pk__in=overdue_ids).count()
    if overdue:
        items.append(HomeItem(_("Response times missed"), reverse("intake:duty"), overdue, True))
    return items
