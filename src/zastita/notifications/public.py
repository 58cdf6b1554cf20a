"""What the notifications platform offers the apps above it: write a message about a subject
(`notify`, inside the event's transaction), the kinds' registry and spec (register yours in
your `AppConfig.ready()`), the delivery task and the worker's pass, and the reads a page
needs (the actor's own list and unread count)."""

from __future__ import annotations

from zastita.core.registries.notifications import (
    EMAIL,
    IN_APP,
    WEBHOOK,
    NotificationKindSpec,
    notification_kinds,
)
from zastita.notifications.delivery import deliver_due, deliver_notifications, outbox_job
from zastita.notifications.messages import link, path, text
from zastita.notifications.models import DeliveryState, Notification, NotificationChannel
from zastita.notifications.selectors import notification_state, notifications_for, unread_count
from zastita.notifications.services import notifications_mark_read, notify

__all__ = [
    "EMAIL",
    "IN_APP",
    "WEBHOOK",
    "DeliveryState",
    "Notification",
    "NotificationChannel",
    "NotificationKindSpec",
    "deliver_due",
    "deliver_notifications",
    "link",
    "notification_kinds",
    "notification_state",
    "notifications_for",
    "notifications_mark_read",
    "notify",
    "outbox_job",
    "path",
    "text",
    "unread_count",
]
