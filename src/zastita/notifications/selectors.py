"""Reads: the actor's own notifications and choices. Nobody reads another's."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import translation

from zastita.accounts.models import User
from zastita.core.errors import PermissionDenied
from zastita.core.paging import Page, Pager, first_page
from zastita.core.registries.notifications import notification_kinds
from zastita.notifications.messages import path, text
from zastita.notifications.models import Notification, NotificationChannel
from zastita.notifications.services import chosen_channels


@dataclass(frozen=True)
class Shown:
    """A notification as a list shows it: its words and link made now, in the reader's
    language."""

    pk: int
    created_at: object
    read_at: object
    message: str
    url: str


ORDER = ("-created_at", "-pk")
PAGE_SIZE = 50


def _own(actor: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=actor, channel=NotificationChannel.IN_APP).only(
        "pk", "kind", "subject_type", "subject_id", "created_at", "read_at"
    )


def notifications_for(*, actor: User, limit: int = 100) -> list[Shown]:
    """The actor's own in-app notifications, newest first, each with its message."""
    return _shown(list(_own(actor).order_by(*ORDER)[:limit]))


def notification_page(
    *, actor: User, pager: Pager | None = None
) -> tuple[Page[Notification], list[Shown]]:
    """One page of the actor's own in-app notifications, newest first (a cursor pages back
    through the years, through the (recipient, channel, created_at, id) index), and its
    rows as shown."""
    page = (pager or first_page(PAGE_SIZE))(_own(actor), ORDER)
    return page, _shown(page.rows)


def _shown(rows: list[Notification]) -> list[Shown]:
    language = translation.get_language()
    # Many rows share a subject: its words are asked for once.
    words: dict[tuple[str, str, int], tuple[str, str]] = {}
    shown = []
    for n in rows:
        key = (n.kind, n.subject_type, n.subject_id)
        if key not in words:
            words[key] = (text(n, language), path(n))
        message, url = words[key]
        shown.append(Shown(n.pk, n.created_at, n.read_at, message, url))
    return shown


def notification_state(*, actor: User) -> dict[str, int]:
    """How many of the actor's in-app notifications are unread, and the newest one's id (a
    new one is the newest, and has a higher id than any before it): a count and an id,
    nothing about any subject."""
    # The duty board asks every few seconds for every worker on duty: two reads through
    # indexes, the newest one through (recipient, channel, created_at, id) and the count
    # through the partial index of the unread, never the whole of a user's notifications.
    latest = (
        Notification.objects.filter(recipient=actor, channel=NotificationChannel.IN_APP)
        .order_by("-created_at", "-id")
        .values_list("pk", flat=True)
        .first()
    )
    return {"unread": unread_count(user_id=actor.pk), "latest": latest or 0}


def unread_count(*, user_id: int | None) -> int:
    """Read through the partial index of the unread (recipient, channel, read_at): covering,
    and chosen even where the database keeps no statistics."""
    return Notification.objects.filter(
        recipient_id=user_id, channel=NotificationChannel.IN_APP, read_at__isnull=True
    ).count()


@dataclass(frozen=True)
class KindChoice:
    """One line of the preferences page: a kind, the channels it allows, those chosen."""

    code: str
    label: str
    allowed: tuple[str, ...]
    chosen: frozenset[str]
    urgent: bool


def preferences_for(*, actor: User, user_id: int) -> list[KindChoice]:
    """The user's channels for every registered kind. Only the user sees their own: anyone
    else gets the same "not found" as for a user that does not exist."""
    if actor.pk != user_id:
        raise PermissionDenied(object_type="notification_preference", object_id=str(user_id))
    lines = []
    for spec in notification_kinds:
        if not spec.personal_channels:
            continue
        chosen = chosen_channels(spec, [user_id])[user_id]
        lines.append(KindChoice(spec.code, str(spec.label), spec.personal_channels,
                                frozenset(chosen), spec.urgent))  # fmt: skip
    return lines
