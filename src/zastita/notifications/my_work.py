"""The "My work" page: the worker's unread in-app notifications, newest first."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from zastita.core.registries.my_work import WorkRow, WorkSection, register


def unread(actor: Any, limit: int) -> list[WorkRow]:
    from zastita.notifications.messages import path, text
    from zastita.notifications.models import Notification, NotificationChannel

    found = (
        Notification.objects.filter(
            recipient=actor, channel=NotificationChannel.IN_APP, read_at__isnull=True
        )
        .only("pk", "kind", "subject_type", "subject_id", "created_at", "read_at")
        .order_by("-created_at", "-pk")[: limit + 1]
    )
    language = translation.get_language()
    return [
        WorkRow(
            label=text(n, language),
            url=path(n) or reverse("notifications:list"),
            detail=formats.date_format(timezone.localtime(n.created_at), "SHORT_DATETIME_FORMAT"),
        )
        for n in found
    ]


# Named functions, not lambdas: a second ready() (tests) registers an equal section.
def _list(actor: Any) -> str:
    return reverse("notifications:list")


def register_section() -> None:
    register(WorkSection(
        code="notifications.unread", title=_("Unread notifications"), order=60, collect=unread,
        empty=_("You have read every notification."),
        more_url=_list,
    ))  # fmt: skip
