"""Reads of the audit trail, for the data-protection officer only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from zastita.audit.models import AuditEvent
from zastita.core.errors import PermissionDenied


@dataclass(frozen=True)
class AccessLogFilters:
    actor_id: int | None = None
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    purpose: str = ""
    date_from: date | None = None
    date_to: date | None = None


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def access_log_list(*, actor: object, filters: AccessLogFilters) -> QuerySet[AuditEvent]:
    if not getattr(actor, "has_perm", lambda p: False)("audit.read_access_log"):
        raise PermissionDenied(object_type="access_log")
    qs = AuditEvent.objects.select_related("actor").order_by("-seq")
    if filters.actor_id:
        qs = qs.filter(actor_id=filters.actor_id)
    if filters.action:
        qs = qs.filter(action=filters.action)
    if filters.object_type:
        qs = qs.filter(object_type=filters.object_type)
    if filters.object_id:
        qs = qs.filter(object_id=filters.object_id)
    if filters.purpose:
        qs = qs.filter(purpose=filters.purpose)
    if filters.date_from:
        qs = qs.filter(occurred_at__gte=_start_of(filters.date_from))
    if filters.date_to:
        qs = qs.filter(occurred_at__lt=_start_of(filters.date_to + timedelta(days=1)))
    return qs
