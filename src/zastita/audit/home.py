"""Home items for the data-protection officer: recent refusals to look into."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zastita.audit.models import Action, AuditEvent
from zastita.core.home import HomeItem


def dpo_items(user: object) -> list[HomeItem]:
    if not getattr(user, "has_perm", lambda p: False)("audit.read_access_log"):
        return []
    since = timezone.now() - timedelta(days=7)
    denied = AuditEvent.objects.filter(action=Action.DENIED, occurred_at__gte=since).count()
    items = [HomeItem(_("Review the access log"), reverse("audit:access_log"))]
    if denied:
        url = reverse("audit:access_log") + f"?action={Action.DENIED.value}"
        items.insert(0, HomeItem(_("Refused accesses in the last 7 days"), url, denied, True))
    return items
